"""GeoParquet (and plain Parquet tables) -> text cells and points, read by pyarrow: a
GeoParquet file's geometry column (WKB, with its CRS in the file's metadata) through
geopandas, a plain table's columns as they are (latitude/longitude columns stay columns)."""

from __future__ import annotations

import io

from geo.errors import InputFileError
from geo.importing.readers.features import table_from_layers
from geo.importing.readers.json_document import parse_json
from geo.importing.readers.table import RawTable, text_frame, unique_header
from geo.importing.readers.unpacking import check_cells


def read_geoparquet(data: bytes, name: str) -> RawTable:
    import pyarrow
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        check_cells(parquet.metadata.num_rows, parquet.metadata.num_columns, name)
        metadata = parquet.schema_arrow.metadata or {}
        if b"geo" in metadata:
            import geopandas

            geo = parse_json(metadata[b"geo"], name)  # before geopandas parses it unguarded
            if not isinstance(geo, dict):
                raise InputFileError(f"'{name}' could not be read as GeoParquet: its 'geo' "
                                     "metadata is not a JSON object. Export it again")
            frame = geopandas.read_parquet(io.BytesIO(data))
            return table_from_layers([(str(geo.get("primary_column", "geometry")), frame)],
                                     name, file_format="GeoParquet", unit="feature")
        table = parquet.read()
    except (pyarrow.ArrowException, OSError, ValueError) as error:
        raise InputFileError(f"'{name}' could not be read as Parquet: {error}. Check that it "
                             "is a complete file, or export it again") from error
    frame = table.to_pandas()
    columns = [frame.iloc[:, at].to_numpy(dtype=object) for at in range(frame.shape[1])]
    if len(columns) == table.num_columns:   # no column became the frame's index
        _mark_nan(columns, table)
    # by position: a name given twice was one cell of both values ("['Kyiv' 'Odesa']")
    cells = text_frame(dict(zip(unique_header([str(c) for c in frame.columns]), columns,
                                strict=True)), name, unit="row")
    return RawTable(cells, name, file_format="Parquet", unit="row")


def _mark_nan(columns: list, table) -> None:
    """A float cell holding NaN (not null: no value) as 'NaN', the value the file holds: it
    was an empty cell, and a NaN latitude was named 'empty' (geo.importing.readers.
    json_document reads JSON's NaN so too)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for at, column in enumerate(table.columns):
        if not pa.types.is_floating(column.type):
            continue
        nan = pc.is_nan(column).fill_null(False).to_numpy(zero_copy_only=False)
        if nan.any():
            columns[at] = columns[at].copy()
            columns[at][nan] = "NaN"
