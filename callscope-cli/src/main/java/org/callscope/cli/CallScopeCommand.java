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

    /** Subcommand names in the order help lists them. */
    static final java.util.List<String> SUBCOMMANDS = java.util.List.of("analyze", "sip", "tls", "audio", "keys");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine(System.out, System.err, args.length > 0 ? args[0] : null).execute(args));
    }

    /** The command tree writing to {@code out} and {@code err}; tests use their own streams. */
    static CommandLine newCommandLine(java.io.PrintStream out, java.io.PrintStream err) {
        return newCommandLine(out, err, null);
    }

    /**
     * The command tree, with only the subcommand {@code firstArgument} names when it names one:
     * building every subcommand's model took a tenth of a short run's start-up. Anything else
     * (no argument, an option, {@code help}, a typo to suggest a correction for) gets them all.
     */
    static CommandLine newCommandLine(java.io.PrintStream out, java.io.PrintStream err, String firstArgument) {
        CommandLine cl = new CommandLine(new CallScopeCommand());
        boolean one = firstArgument != null && SUBCOMMANDS.contains(firstArgument);
        for (String name : SUBCOMMANDS) {
            if (!one || name.equals(firstArgument)) {
                cl.addSubcommand(subcommand(name, out, err));
            }
        }
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("callscope: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    private static CommandLine subcommand(String name, java.io.PrintStream out, java.io.PrintStream err) {
        return switch (name) {
            case "analyze" -> new CommandLine(new AnalyzeCommand(out, err));
            case "sip" -> new CommandLine(new SipCommand(out, err));
            case "tls" -> new CommandLine(new TlsCommand(out, err));
            case "audio" -> new CommandLine(new AudioCommand(out, err));
            case "keys" -> KeysCommand.commandLine(out, err);
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }
}
