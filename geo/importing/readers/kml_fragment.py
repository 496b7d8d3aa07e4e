"""A KML document whose root is a feature, without <kml> around it: a lone <Placemark> (or
<Document>, <Folder>) in a KML namespace, as some tools write one placemark. GDAL finds no
container in it; it is put in <kml><Document> before it is read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from geo.importing.readers.kml_xml import kml_root, local_name

CONTAINERS = ("Document", "Folder")
FEATURES = ("Placemark", "Document", "Folder")


def wrapped(data: bytes, *, zipped: bool) -> bytes | None:
    """The document inside <kml> (and a <Document> for a lone placemark); None when its
    root is <kml> already, or it is no KML feature."""
    root = kml_root(data, zipped=zipped)
    if root is None or local_name(root.tag) not in FEATURES:
        return None
    prefix = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    kml = ElementTree.Element(f"{prefix}kml")
    parent = kml if local_name(root.tag) in CONTAINERS else ElementTree.SubElement(
        kml, f"{prefix}Document")
    parent.append(root)
    return ElementTree.tostring(kml, encoding="utf-8", xml_declaration=True)
