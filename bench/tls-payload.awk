# SIP dialogs for bench/tls-throughput.sh: INVITE, ACK and BYE from the client, 100, 180, 200 (with
# SDP) and the BYE's 200 from the server, with Call-IDs unique per connection `conn`. Writes the
# client's messages to `client` and the server's to `server` until the client's file holds at
# least `bytes` bytes. Content-Length is exact, so the text frames as SIP over a stream.
#
#   awk -v conn=1 -v bytes=20000000 -v client=c1.txt -v server=s1.txt -f bench/tls-payload.awk

function msg(file, start, headers, body,    text) {
    text = start "\r\n" headers "Content-Length: " length(body) "\r\n\r\n" body
    printf "%s", text > file
    return length(text)
}

BEGIN {
    sdp_a = "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" \
            "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" \
            "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n"
    sdp_b = "v=0\r\no=bob 2808844564 2808844564 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n" \
            "m=audio 3456 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n" \
            "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n"
    allow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\nContent-Type: application/sdp\r\n"
    sent = 0
    for (i = 1; sent < bytes; i++) {
        id = sprintf("c%d-%08d@192.0.2.10", conn, i)
        from = "From: \"Alice " i "\" <sip:alice" i "@example.com>;tag=" (1000000 + i) "\r\n"
        to = "To: <sip:bob" i "@example.net>\r\n"
        to_tagged = "To: <sip:bob" i "@example.net>;tag=" (2000000 + i) "\r\n"
        via_invite = "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK" conn "a" i "\r\n"
        via_later = "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK" conn "b" i "\r\n"
        common = "Call-ID: " id "\r\nMax-Forwards: 70\r\nUser-Agent: bench-ua/1.0\r\n"
        ruri = "sip:bob" i "@example.net;transport=tls"
        contact_a = "Contact: <sip:alice" i "@192.0.2.10:5061;transport=tls>\r\n"
        contact_b = "Contact: <sip:bob" i "@192.0.2.20:5061;transport=tls>\r\n"

        sent += msg(client, "INVITE " ruri " SIP/2.0", via_invite from to common "CSeq: 1 INVITE\r\n" contact_a allow, sdp_a)
        msg(server, "SIP/2.0 100 Trying", via_invite from to common "CSeq: 1 INVITE\r\n", "")
        msg(server, "SIP/2.0 180 Ringing", via_invite from to_tagged common "CSeq: 1 INVITE\r\n" contact_b, "")
        msg(server, "SIP/2.0 200 OK", via_invite from to_tagged common "CSeq: 1 INVITE\r\n" contact_b allow, sdp_b)
        sent += msg(client, "ACK " ruri " SIP/2.0", via_later from to_tagged common "CSeq: 1 ACK\r\n", "")
        sent += msg(client, "BYE " ruri " SIP/2.0", via_later from to_tagged common "CSeq: 2 BYE\r\n", "")
        msg(server, "SIP/2.0 200 OK", via_later from to_tagged common "CSeq: 2 BYE\r\n", "")
    }
}
