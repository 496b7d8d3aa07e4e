"""KML 2.0's old-style Schema: a <Schema> with <parent>Placemark</parent> and <name>S_X</name>
made <S_X> elements placemarks, their own child elements (<DATE>, <CLASS>) the fields its
<SimpleField>s name. KML 2.1 removed it, and GDAL sees no feature in such a file (ArcGIS
and early Google Earth exports), which was refused as having none. The file is rewritten
as today's KML before it is read: each such element a <Placemark>, its fields <Data> of its
<ExtendedData>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from geo.importing.readers.kml_xml import kml_root, local_name

GEOMETRIES = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Model")


def _aliases(root) -> dict[str, set[str]]:
    """Element name -> its field names, for each old-style Schema whose parent is Placemark."""
    found = {}
    for schema in root.iter():
        if local_name(schema.tag) != "Schema":
            continue
        parts = {local_name(child.tag): (child.text or "").strip() for child in schema}
        if parts.get("parent") == "Placemark" and parts.get("name"):
            found[parts["name"]] = {child.get("name") for child in schema
                                    if local_name(child.tag) == "SimpleField"}
    return found


def rewritten(data: bytes, *, zipped: bool) -> bytes | None:
    """The KML with its old-style placemarks made placemarks; None when it has none."""
    root = kml_root(data, zipped=zipped)
    aliases = _aliases(root) if root is not None else {}
    if not aliases:
        return None
    prefix = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    for element in root.iter():
        fields = aliases.get(local_name(element.tag))
        if fields is None:
            continue
        element.tag = f"{prefix}Placemark"
        values = [child for child in element if local_name(child.tag) in fields]
        extended = ElementTree.Element(f"{prefix}ExtendedData")
        for child in values:
            element.remove(child)
            data_element = ElementTree.SubElement(extended, f"{prefix}Data",
                                                  name=local_name(child.tag))
            ElementTree.SubElement(data_element, f"{prefix}value").text = child.text or ""
        # ExtendedData comes before the geometry in a placemark
        position = next((i for i, child in enumerate(element)
                         if local_name(child.tag) in GEOMETRIES), len(element))
        element.insert(position, extended)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
