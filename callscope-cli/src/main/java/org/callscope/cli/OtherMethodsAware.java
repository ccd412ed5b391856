package org.callscope.cli;

import java.util.Map;

/** An output that remembers the counts of non-call SIP requests it was given, for the summary. */
interface OtherMethodsAware {
    Map<String, Long> otherMethods();
}
