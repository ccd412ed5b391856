package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SipCommandTest {

    @Test
    void listsEveryMessageOfATcpCallInOrder() {
        CliRun run = CliRun.of("sip", "--format", "json", "--sip-port", "5070", "--sip-port", "5080",
                CliRun.fixture("answered-tcp.pcap").toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).contains("\"transport\":\"tcp\"").contains("\"first_line\":\"INVITE sip:");
        assertThat(lines.get(6)).contains("SIP/2.0 200").contains("BYE");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("analyze", "sip")) {
            CliRun run = CliRun.of(cmd, "--help");
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("Usage: callscope " + cmd);
        }
    }
}
