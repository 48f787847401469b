#!/usr/bin/env python3
# Generator of the synthetic seeds in corpus/tcp_reply/ (style.md: the generator beside every
# synthetic fixture): a SYN-ACK, a reset, an ICMP port unreachable quoting a SYN, each behind
# the link layers fuzz_tcp_reply selects with its first byte, and truncated ones.
# Usage: python3 tests/fuzz/tcp_reply_seeds.py   (rewrites corpus/tcp_reply/)
from pathlib import Path

corpus = Path(__file__).resolve().parent / "corpus" / "tcp_reply"
SCANNER, TARGET = bytes([198, 18, 0, 1]), bytes([198, 18, 0, 2])


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total & 0xFFFF).to_bytes(2, "big")


def ipv4(source, destination, protocol, payload):
    header = bytearray(b"\x45\x00" + (20 + len(payload)).to_bytes(2, "big") + b"\x00\x01\x00\x00\x40" +
                       bytes([protocol]) + b"\x00\x00" + source + destination)
    header[10:12] = checksum(bytes(header))
    return bytes(header) + payload


def tcp(source, destination, sport, dport, seq, ack, flags):
    segment = bytearray(sport.to_bytes(2, "big") + dport.to_bytes(2, "big") + seq.to_bytes(4, "big") +
                        ack.to_bytes(4, "big") + b"\x50" + bytes([flags]) + b"\xff\xff\x00\x00\x00\x00")
    pseudo = source + destination + b"\x00\x06" + len(segment).to_bytes(2, "big")
    segment[16:18] = checksum(pseudo + bytes(segment))
    return ipv4(source, destination, 6, bytes(segment))


def link(selector, packet):
    headers = [b"", b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00", b"\x00\x00\x00\x01\x00\x06" + b"\x02" * 8 + b"\x08\x00",
               b"\x08\x00\x00\x00\x00\x00\x00\x02\x00\x01\x00\x06" + b"\x02" * 8]
    return bytes([selector]) + headers[selector] + packet


syn = tcp(SCANNER, TARGET, 61500, 554, 0x11223344, 0, 0x02)
seeds = {
    "raw-syn-ack": link(0, tcp(TARGET, SCANNER, 554, 61500, 7, 0x11223345, 0x12)),
    "ethernet-reset": link(1, tcp(TARGET, SCANNER, 80, 61501, 0, 0x11223345, 0x14)),
    "sll-icmp-port-unreachable": link(2, ipv4(TARGET, SCANNER, 1, b"\x03\x03\x00\x00\x00\x00\x00\x00" + syn[:28])),
    "sll2-syn-ack": link(3, tcp(TARGET, SCANNER, 8080, 65535, 1, 2, 0x12)),
    "raw-truncated-tcp": link(0, tcp(TARGET, SCANNER, 554, 61500, 7, 0x11223345, 0x12)[:30]),
    "raw-icmp-short-quote": link(0, ipv4(TARGET, SCANNER, 1, b"\x03\x01\x00\x00\x00\x00\x00\x00" + syn[:24])),
}
corpus.mkdir(parents=True, exist_ok=True)
for name, data in seeds.items():
    (corpus / name).write_bytes(data)
