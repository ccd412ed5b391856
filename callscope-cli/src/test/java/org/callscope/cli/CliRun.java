package org.callscope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real command tree in-process with captured stdout and stderr. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = CallScopeCommand.newCommandLine(o, e, args.length > 0 ? args[0] : null).execute(args);
            return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("callscope.root", "..")).toAbsolutePath();
        Path p = dir.resolve("fixtures/captures").resolve(name);
        if (!Files.exists(p)) {
            p = Path.of("..").toAbsolutePath().resolve("fixtures/captures").resolve(name);
        }
        return p;
    }
}
