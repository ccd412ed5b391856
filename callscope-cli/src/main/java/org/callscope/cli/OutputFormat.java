package org.callscope.cli;

import java.io.PrintStream;
import org.callscope.engine.cdr.CdrSink;

/** The output formats of {@code analyze}. */
enum OutputFormat {
    json, table, csv;

    CdrSink newSink(PrintStream out, boolean registrations, boolean unassociated) {
        return switch (this) {
            case json -> new JsonLinesOutput(out, registrations, unassociated);
            case table -> new TableOutput(out, registrations, unassociated);
            case csv -> new CsvOutput(out);
        };
    }
}
