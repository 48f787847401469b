#!/usr/bin/env python3
# Generator of the synthetic seeds in corpus/{tls_handshake,http_stream,passive_decoders}/ (style.md:
# the generator beside every synthetic fixture). The TLS flights wrap the real certificates of
# corpus/x509_summary/; the HTTP streams use the answers of the research device profiles.
# Usage: python3 tests/fuzz/passive_seeds.py   (rewrites those folders' seeds)
from pathlib import Path

corpus = Path(__file__).resolve().parent / "corpus"


def be(value, width):
    return value.to_bytes(width, "big")


def handshake(kind, body):
    return bytes([kind]) + be(len(body), 3) + body


def server_hello(version):
    body = be(0x0303 if version == 0x0304 else version, 2) + b"\x11" * 32 + b"\x00" + b"\xc0\x2f" + b"\x00"
    extensions = b"\xff\x01" + be(1, 2) + b"\x00"
    if version == 0x0304:
        extensions += be(43, 2) + be(2, 2) + be(0x0304, 2)
    return handshake(2, body + be(len(extensions), 2) + extensions)


def certificates(ders):
    chain = b"".join(be(len(d), 3) + d for d in ders)
    return handshake(11, be(len(chain), 3) + chain)


def records(data, size=16384, kind=22):
    return b"".join(bytes([kind]) + b"\x03\x03" + be(len(data[i:i + size]), 2) + data[i:i + size]
                    for i in range(0, len(data), size))


def tls_seeds():
    hikvision = (corpus / "x509_summary" / "hikvision-self-signed").read_bytes()
    axis = (corpus / "x509_summary" / "axis-with-san").read_bytes()
    flight = server_hello(0x0303) + certificates([hikvision, axis]) + handshake(14, b"")
    whole = records(flight)
    return {
        "tls12-hikvision-chain": whole,
        "tls12-split-records": records(flight, 61),
        "tls12-cut-mid-certificate": whole[:len(whole) - 300],
        "tls13-encrypted": records(server_hello(0x0304)) + records(b"\x01", kind=20) + records(b"\x5a" * 64, kind=23),
        "tls10-no-extensions": records(handshake(2, be(0x0301, 2) + b"\x11" * 32 + b"\x00" + b"\x00\x2f" + b"\x00")
                                       + certificates([hikvision])),
        "lying-record-length": b"\x16\x03\x03\x7f\xff" + flight[:40],
        "wrong-protocol-http": b"HTTP/1.1 200 OK\r\nServer: webserver\r\n\r\n",
    }


def http_seeds():
    body = b"<!DOCTYPE html>\r\n<html><head><title>Document Error: Unauthorized</title></head></html>"
    keep_alive = (b"HTTP/1.1 200 OK\r\nServer: webserver\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello"
                  b"HTTP/1.1 401 Unauthorized\r\nContent-Length: " + str(len(body)).encode() +
                  b"\r\nWWW-Authenticate: Digest realm=\"IP Camera(C2183)\", nonce=\"4e54\"\r\n\r\n" + body)
    return {
        "hikvision-keep-alive": keep_alive,
        "chunked-title": b"HTTP/1.1 200 OK\r\nServer: Webs\r\nTransfer-Encoding: chunked\r\n\r\n"
                         b"10\r\n<html><head><tit\r\n1d;ext=1\r\nle>WEB SERVICE</title></head>\r\n0\r\n\r\n",
        "cut-mid-body": keep_alive[:-30],
        "no-length-to-end": b"HTTP/1.0 200 OK\r\nServer: Boa/0.94.14rc21\r\n\r\n<title>NETSurveillance WEB</title>",
        "lying-chunk-size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nabc",
        "malformed-status": b"HTTP/1.1 2x0 OK\r\n\r\n",
        "wrong-protocol-rtsp": b"RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n",
    }


def dhip_datagram(body):
    length = len(body).to_bytes(4, "little")
    return b"\x20\x00\x00\x00DHIP" + b"\x00" * 8 + length + b"\x00" * 4 + length + b"\x00" * 4 + body


# passive_decoders_fuzz: byte 0 picks the decoder (wsd, sadp, dhip, http, rtsp, tls, ssdp,
# mdns), byte 1 sets tcp (1) and multicast (2); the payload follows.
def decoder_seeds():
    hello = (b'<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
             b'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">'
             b'<e:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action></e:Header><e:Body><d:Hello>'
             b'<a:EndpointReference><a:Address>urn:uuid:7a2c3b10-5e1d-11e6-8000-accc8e5a1c07</a:Address></a:EndpointReference>'
             b'<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/AXIS%20M1065-LW '
             b'onvif://www.onvif.org/MAC/ac:cc:8e:5a:1c:07</d:Scopes><d:XAddrs>http://192.0.2.1/onvif/device_service</d:XAddrs>'
             b'</d:Hello></e:Body></e:Envelope>')
    sadp = (b'<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>7621A503</Uuid><Types>inquiry</Types>'
            b'<DeviceDescription>DS-2CD2142FWD-I</DeviceDescription><DeviceSN>DS-2CD2142FWD-I20170718AAWR781234567</DeviceSN>'
            b'<MAC>44-19-b6-3a-7c-21</MAC><SoftwareVersion>V5.5.0build 170725</SoftwareVersion></ProbeMatch>')
    dhip = dhip_datagram(b'{"mac":"3C:EF:8C:A1:5B:60","method":"client.notifyDevInfo","params":{"deviceInfo":'
                         b'{"DeviceType":"IPC-HDW5831R-ZE","SerialNo":"4X7C5A1ZAG2XXXX","Vendor":"General"}}}')
    rtsp = (b"RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n"
            b"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 30\r\n\r\n"
            b"v=0\r\ns=Media Presentation\r\nm=video")
    notify = (b"NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nLOCATION: http://192.0.2.1/rootDesc.xml\r\n"
              b"SERVER: Linux/3.10 UPnP/1.0 ExampleCam/1.0\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
              b"USN: uuid:4a7e0b52-1d3c-11b2-8000-0212345678aa::upnp:rootdevice\r\n\r\n")
    def label(text):
        return bytes([len(text)]) + text
    name = label(b"AXIS M1065-LW - ACCC8E5A1C07") + label(b"_axis-video") + label(b"_tcp") + label(b"local") + b"\x00"
    ptr = label(b"_axis-video") + label(b"_tcp") + label(b"local") + b"\x00" + be(12, 2) + be(1, 2) + be(120, 4) + be(len(name), 2) + name
    mdns = be(0, 2) + be(0x8400, 2) + be(0, 2) + be(1, 2) + be(0, 4) + ptr
    return {
        "wsd-hello-multicast": b"\x00\x02" + hello,
        "sadp-probe-match": b"\x01\x02" + sadp,
        "dhip-notify": b"\x02\x02" + dhip,
        "http-keep-alive": b"\x03\x01" + http_seeds()["hikvision-keep-alive"],
        "rtsp-options-describe": b"\x04\x01" + rtsp,
        "tls12-chain": b"\x05\x01" + tls_seeds()["tls12-hikvision-chain"],
        "ssdp-notify": b"\x06\x02" + notify,
        "mdns-ptr": b"\x07\x02" + mdns,
    }


for folder, seeds in (("tls_handshake", tls_seeds()), ("http_stream", http_seeds()), ("passive_decoders", decoder_seeds())):
    (corpus / folder).mkdir(exist_ok=True)
    for name, data in seeds.items():
        (corpus / folder / name).write_bytes(data)
