"""Reading an uploaded file: bytes to sheets (CSV and XLSX, any encoding a bureau
uses, within safe limits) and a sheet's table to one record per figure."""
