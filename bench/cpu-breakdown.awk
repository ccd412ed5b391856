# Where the CPU time of a JFR recording went, by part of the pipeline: reads the output of
#   jfr print --events jdk.CPUTimeSample --stack-depth 64 FILE.jfr
# and attributes each sample, weighted by its sampling period, to the first frame (innermost
# first) that belongs to a part below; JDK frames in between (String, HashMap...) count for the
# caller that used them. Used by bench/tls-throughput.sh (PROFILE=1).

function part(frame) {
    if (frame ~ /^(com\.sun\.crypto\.|javax\.crypto\.|sun\.security\.provider\.|org\.bouncycastle\.)/) return "decryption: JDK/BouncyCastle ciphers and MACs"
    if (frame ~ /^org\.callscope\.engine\.tls\.crypto\./) return "decryption: tls.crypto"
    if (frame ~ /^org\.callscope\.engine\.tls\./) return "TLS records, handshakes, sessions"
    if (frame ~ /VirtualUdpFrames/) return "SIP over TLS: per-message UDP frame"
    if (frame ~ /^org\.callscope\.engine\.sip\.SipStreamFramer/) return "SIP framing (Content-Length)"
    if (frame ~ /^org\.callscope\.engine\.sip\./) return "SIP parsing"
    if (frame ~ /^org\.callscope\.engine\.sdp\./) return "SDP parsing"
    if (frame ~ /^org\.callscope\.engine\.(call|media|cdr|registration)\./ || frame ~ /Analyzer\.dispatchSip/) return "calls, registrations, media tables"
    if (frame ~ /^org\.callscope\.engine\.tcp\./) return "TCP reassembly"
    if (frame ~ /^org\.callscope\.engine\.(capture|decode)\./) return "capture reading, packet decoding"
    return ""
}

/^jdk\.CPUTimeSample/ { inside = 1; weight = 0; found = ""; next }
inside && /samplingPeriod =/ { weight = $3 + 0; if ($4 == "s") weight *= 1000; next }
inside && /stackTrace = \[/ { frames = 1; next }
inside && frames && /^ *\]/ { frames = 0; next }
inside && frames {
    if (found == "") { sub(/^ +/, ""); found = part($0) }
    next
}
inside && /^}/ {
    inside = 0
    if (found == "") found = "start-up, picocli, JDK, other"
    ms[found] += weight
    total += weight
}
END {
    for (p in ms) printf "%6.1f%%  %8.0f ms  %s\n", 100 * ms[p] / total, ms[p], p | "sort -rn"
    close("sort -rn")
    printf "          %8.0f ms  sampled CPU time of Java threads\n", total
}
