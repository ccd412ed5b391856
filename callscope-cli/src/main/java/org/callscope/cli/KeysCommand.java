package org.callscope.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code callscope keys}: moving TLS session secrets from where they are logged to where they are used. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Receives and forwards TLS session secrets (NSS key-log lines), see docs/KEY-TRANSPORT.md.",
                "listen: receive them over UDP or the secure TCP transport and print or store them.",
                "forward: follow a key-log file (SSLKEYLOGFILE) and send its new lines to a receiver."})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    KeysCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** The command with its subcommands, writing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine keys = new CommandLine(new KeysCommand(out));
        keys.addSubcommand(new CommandLine(new KeysListenCommand(out, err)));
        keys.addSubcommand(new CommandLine(new KeysForwardCommand(err)));
        return keys;
    }
}
