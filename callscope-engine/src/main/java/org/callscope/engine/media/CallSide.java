package org.callscope.engine.media;

/** The two sides of a call as VoIPmonitor names its CDR columns: a = caller, b = callee. */
public enum CallSide {
    CALLER("a"),
    CALLEE("b");

    private final String letter;

    CallSide(String letter) {
        this.letter = letter;
    }

    /** "a" for the caller, "b" for the callee. */
    public String letter() {
        return letter;
    }

    public CallSide other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
