#!/usr/bin/env python3
"""Prints, as JSON, everything a county office would see in an .xlsx, read by openpyxl (a second library,
independent of the ExcelJS/SheetJS/JSZip the app uses): the workbook's default font, defined names, and per
sheet every cell's value and style (font, fill, border, alignment, number format), merges, row heights,
column widths and print setup. The vitest round-trip tests compare two such snapshots.
Usage: python3 xlsx_snapshot.py FILE.xlsx"""
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def color(c):
    if c is None:
        return None
    return {'rgb': c.rgb if c.type == 'rgb' else None, 'theme': c.theme if c.type == 'theme' else None, 'indexed': c.indexed if c.type == 'indexed' else None}


def font(f):
    return {'name': f.name, 'size': f.sz, 'bold': bool(f.b), 'italic': bool(f.i), 'underline': f.u, 'color': color(f.color), 'charset': f.charset}


def style(c):
    b = c.border
    return {
        'font': font(c.font),
        'fill': {'type': c.fill.fill_type, 'fg': color(c.fill.fgColor)} if c.fill is not None else None,
        'border': {s: getattr(b, s).style if getattr(b, s) is not None else None for s in ('left', 'right', 'top', 'bottom')},
        'alignment': {'h': c.alignment.horizontal, 'v': c.alignment.vertical, 'wrap': bool(c.alignment.wrap_text), 'indent': c.alignment.indent},
        'numFmt': c.number_format,
        'protection': {'locked': c.protection.locked, 'hidden': c.protection.hidden},
    }


def value(v):
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def sheet(ws):
    ps = ws.page_setup
    m = ws.page_margins
    hf = {}
    for part in ('oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter'):
        x = getattr(ws, part)
        hf[part] = {k: getattr(x, k).text for k in ('left', 'center', 'right')}
    cells = {}
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        for c in row:
            cells[c.coordinate] = {'row': c.row, 'col': c.column, 'value': value(c.value), 'style': style(c)}
    return {
        'name': ws.title,
        'maxRow': ws.max_row,
        'maxCol': ws.max_column,
        'merges': sorted(str(r) for r in ws.merged_cells.ranges),
        'rowHeights': {str(r): {'ht': d.ht, 'custom': bool(d.customHeight)} for r, d in ws.row_dimensions.items() if d.ht is not None},
        # One <col min max> may cover several columns (ExcelJS groups equal widths): listed per column.
        'colWidths': {get_column_letter(i): d.width for d in ws.column_dimensions.values() if d.customWidth for i in range(d.min, d.max + 1)},
        'freeze': ws.freeze_panes,
        'print': {
            'orientation': ps.orientation, 'paperSize': ps.paperSize, 'scale': ps.scale, 'fitToWidth': ps.fitToWidth,
            'fitToHeight': ps.fitToHeight, 'fitToPage': bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            'margins': [m.left, m.right, m.top, m.bottom, m.header, m.footer],
            'titleRows': ws.print_title_rows, 'titleCols': ws.print_title_cols, 'area': ws.print_area,
            'horizontalCentered': ws.print_options.horizontalCentered, 'headerFooter': hf,
        },
        'cells': cells,
    }


wb = openpyxl.load_workbook(sys.argv[1])
out = {
    'defaultFont': font(wb._fonts[0]),
    'definedNames': sorted([dn.name, dn.attr_text, dn.localSheetId] for dn in wb.defined_names.definedName),
    'sheets': [sheet(ws) for ws in wb.worksheets],
}
json.dump(out, sys.stdout, ensure_ascii=False)
