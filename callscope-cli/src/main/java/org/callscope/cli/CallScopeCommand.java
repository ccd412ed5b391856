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
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new CallScopeCommand());
    }
}
