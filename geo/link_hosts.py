"""Whether a link's host is somewhere on the public internet, read as a browser reads it.

A source address a file or a person stored may name the reader's own computer or office
network: localhost, 127.0.0.1 (also written 127.1, 2130706433, 0x7f000001, 0177.0.0.1,
fullwidth digits or ideographic full stops, all of which a browser opens as 127.0.0.1),
10.x, 192.168.x, a router's one-word name, a .local printer. Clicked in a snapshot sent
around, such a link makes a request there from the reader's browser (a router's or an
admin page's GET actions, a cloud metadata address). `public_host` says no to those, so
geo.visible.safe_link shows them as text. A public name that resolves to a private
address cannot be told offline; it stays a link.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from functools import lru_cache

# names a resolver answers on this computer or its network only (RFC 6761, 6762, 8375;
# .internal: ICANN 2024; .lan, .home, .corp, .intranet: common in offices and routers)
LOCAL_SUFFIXES = ("localhost", "local", "internal", "lan", "home", "corp", "intranet",
                  "home.arpa", "localdomain")
FULL_STOPS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
# IPv4 ranges a public link never needs (is_private would also refuse the TEST-NETs)
NOT_PUBLIC_V4 = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3"))
NAT64 = ipaddress.ip_network("64:ff9b::/96")


@lru_cache(maxsize=4096)  # a store's links name a few hosts: popups ask once per host
def public_host(host: str) -> bool:
    """`host` (the host of a URL, without brackets or port) names no place on this
    computer or a private network; False also for a host no browser would open."""
    name = unicodedata.normalize("NFKC", host).translate(FULL_STOPS).lower().rstrip(".")
    if not name or "%" in name or "\\" in name:  # a browser decodes %xx in a host
        return False
    if ":" in name:
        return _public_ip(name)
    labels = name.split(".")
    if _is_number(labels[-1]):  # a browser reads a host ending in a number as IPv4
        address = _ipv4(labels)
        return address is not None and _public_ip(address)
    return len(labels) > 1 and not any(
        name == suffix or name.endswith("." + suffix) for suffix in LOCAL_SUFFIXES)


def _public_ip(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if address.version == 6:
        if address.is_loopback or address.is_link_local or address.is_site_local or \
                address.is_unspecified or address.is_multicast or \
                address in ipaddress.ip_network("fc00::/7"):
            return False
        embedded = address.ipv4_mapped or address.sixtofour or (
            ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None)
        return embedded is None or _public_ip(str(embedded))
    return not any(address in network for network in NOT_PUBLIC_V4)


def _is_number(label: str) -> bool:
    if label[:2] == "0x":
        return all(ch in "0123456789abcdef" for ch in label[2:])
    return label.isascii() and label.isdigit()


def _ipv4(labels: list[str]) -> str | None:
    """The address a browser reads from dotted parts in decimal, octal (0177) or hex
    (0x7f), the last part filling the bytes left (127.1); None where it would refuse the
    URL (WHATWG URL, IPv4 parser)."""
    if len(labels) > 4:
        return None
    numbers = []
    for label in labels:
        if label[:2] == "0x":
            digits, base = label[2:] or "0", 16
        elif len(label) > 1 and label[0] == "0":
            digits, base = label[1:], 8
        else:
            digits, base = label, 10
        try:
            numbers.append(int(digits, base))
        except ValueError:
            return None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last + sum(n << (8 * (3 - i)) for i, n in enumerate(leading))
    return str(ipaddress.IPv4Address(value))
