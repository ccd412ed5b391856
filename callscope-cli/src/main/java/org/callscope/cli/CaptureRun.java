package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.capture.CaptureDamage;
import org.callscope.engine.capture.DeferredFileSource;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.MergingSource;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.pipeline.Analyzer;

/**
 * Reads capture files in time order into an analyzer, with progress on a terminal and damage
 * reported per file. Every frame before damage is analysed.
 */
final class CaptureRun {
    /** Exit status when the input was damaged but everything readable was analysed. */
    static final int EXIT_DAMAGED_INPUT = 3;
    /** Exit status when a file could not be opened at all. */
    static final int EXIT_UNREADABLE = 4;

    private final PrintStream err;
    private final List<CaptureDamage> damages = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    CaptureRun(PrintStream err) {
        this.err = err;
    }

    /** Words for an operator: file-system exceptions carry only the path in their message. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Runs all files through {@code analyzer}; returns the exit status the command should use. */
    int run(List<Path> files, Analyzer analyzer) throws IOException {
        List<PacketSource> sources = new ArrayList<>();
        for (Path f : files) {
            try {
                sources.add(DeferredFileSource.scan(f));
            } catch (IOException e) {
                String why = reason(e);
                unreadable.add(f + ": " + why);
                err.println("callscope: cannot read " + f + ": " + why);
            }
        }
        Progress progress = Progress.forStderr(err);
        try (MergingSource source = new MergingSource(sources)) {
            CapturedPacket frame = new CapturedPacket();
            long n = 0;
            while (source.next(frame)) {
                analyzer.onFrame(frame);
                if ((++n & 0x3fff) == 0) {
                    progress.update(n);
                }
            }
            damages.addAll(source.damages());
        }
        analyzer.finish();
        progress.done();
        for (CaptureDamage d : damages) {
            err.println("callscope: " + d + " (packets before the damage were analysed)");
        }
        if (!damages.isEmpty()) {
            return EXIT_DAMAGED_INPUT;
        }
        return unreadable.isEmpty() ? 0 : EXIT_UNREADABLE;
    }
}
