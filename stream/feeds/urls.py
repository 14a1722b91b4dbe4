"""One URL for one page: tracking parameters, fragments and default ports dropped, host lowercased."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader arrived, never which page they read.
TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid", "ocid",
            "smid", "soc_src", "soc_trk", "_ga", "yclid", "spm"}


def canonical(url: str) -> str:
    """The URL as the same page under every link to it: scheme and host lowercased, default port, fragment
    and tracking parameters (utm_*, fbclid, ...) dropped, the remaining parameters in a fixed order."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address: bracketed, else its colons read as a port
    port = parts.port  # ValueError when it is not a port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith("utm_") and k.lower() not in TRACKING)
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))
