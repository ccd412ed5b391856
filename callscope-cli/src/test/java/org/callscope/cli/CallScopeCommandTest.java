package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CallScopeCommandTest {
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void aSubcommandNamedFirstIsTheOnlyOneBuilt() {
        for (String name : CallScopeCommand.SUBCOMMANDS) {
            CommandLine cl = CallScopeCommand.newCommandLine(out, out, name);
            assertThat(cl.getSubcommands().keySet()).containsExactlyInAnyOrder("help", name);
        }
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        for (String first : new String[] {null, "--help", "-V", "help", "analyse", "/tmp/x.pcap"}) {
            CommandLine cl = CallScopeCommand.newCommandLine(out, out, first);
            assertThat(cl.getSubcommands().keySet()).as("first argument %s", first)
                    .containsExactlyInAnyOrder("help", "analyze", "sip", "tls", "audio", "keys");
        }
    }

    @Test
    void theListOfNamesMatchesTheCommandsThemselves() {
        CommandLine whole = CallScopeCommand.newCommandLine(out, out);
        for (String name : CallScopeCommand.SUBCOMMANDS) {
            assertThat(whole.getSubcommands().get(name).getCommandName()).isEqualTo(name);
        }
    }

    @Test
    void helpIsTheSameWhicheverTreeAnswers() {
        for (String name : CallScopeCommand.SUBCOMMANDS) {
            String narrowed = CliRun.of(name, "--help").out();
            String whole = usage(CallScopeCommand.newCommandLine(out, out).getSubcommands().get(name));
            assertThat(narrowed).as(name).isEqualTo(whole).contains("Usage: callscope " + name);
        }
        CliRun root = CliRun.of("--help");
        assertThat(root.status()).isZero();
        for (String name : CallScopeCommand.SUBCOMMANDS) {
            assertThat(root.out()).contains("  " + name + " ");
        }
    }

    @Test
    void aMistypedSubcommandIsStillAnsweredWithASuggestion() {
        CliRun run = CliRun.of("analyse", "x.pcap");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("analyze");
    }

    private static String usage(CommandLine cl) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cl.usage(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
