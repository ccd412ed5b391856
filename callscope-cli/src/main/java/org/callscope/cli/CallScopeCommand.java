package org.callscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code callscope} command: dispatches to its subcommands. */
@Command(name = "callscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Passive VoIP monitor: SIP, SDP and RTP from captures into call detail records.",
        subcommands = {CommandLine.HelpCommand.class})
public final class CallScopeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(System.out, System.err).execute(args));
    }

    /** The command tree writing to {@code out} and {@code err}; tests use their own streams. */
    static CommandLine newCommandLine(java.io.PrintStream out, java.io.PrintStream err) {
        CommandLine cl = new CommandLine(new CallScopeCommand());
        cl.addSubcommand(new CommandLine(new AnalyzeCommand(out, err)));
        cl.addSubcommand(new CommandLine(new SipCommand(out, err)));
        cl.addSubcommand(new CommandLine(new TlsCommand(out, err)));
        cl.addSubcommand(new CommandLine(new AudioCommand(out, err)));
        cl.addSubcommand(KeysCommand.commandLine(out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("callscope: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return 1;
        });
        return cl;
    }
}
