//! Excel writer: one workbook with a README sheet (the data dictionary) first and one
//! sheet per table, typed cells (numbers, booleans, dates; lists `|`-joined), rows
//! streamed to disk (constant-memory sheets). Text is written as text, never as a formula.
//! The document properties carry a fixed date, so the same rows give the same bytes.
//!
//! Building and compressing the sheets costs as much as the Parquet and CSV files
//! together, so [`XlsxThread`] runs the workbook on a thread of its own: the publish stage
//! hands it rows in batches and goes on with the other files.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::records::schema::{ColumnType, TableSchema};

/// Data rows a sheet can hold (Excel's 1,048,576 rows less the header).
pub const MAX_SHEET_ROWS: usize = 1_048_575;
/// Characters a cell can hold.
const MAX_CELL_CHARS: usize = 32_767;

/// The sheet being filled.
struct OpenSheet {
    index: usize,
    types: Vec<ColumnType>,
    rows: usize,
}

/// Writes the workbook a table at a time: [`XlsxSink::begin_table`], [`XlsxSink::push`]
/// per row, then [`XlsxSink::finish`] writes the README sheet and saves.
pub struct XlsxSink {
    path: PathBuf,
    workbook: Workbook,
    open: Option<OpenSheet>,
    /// (table, rows in the table, rows in the sheet).
    counts: Vec<(String, usize, usize)>,
    bold: Format,
    date: Format,
}

fn err(path: &Path, e: XlsxError) -> PipelineError {
    PipelineError::io(path, e.to_string())
}

impl XlsxSink {
    /// A workbook with its README sheet first (filled by [`XlsxSink::finish`]).
    pub fn create(path: &Path) -> Result<XlsxSink, PipelineError> {
        let mut workbook = Workbook::new();
        // Level 3, as Excel itself saves: about twice as fast as the default 6 for a
        // file about 5 % larger (rust_xlsxwriter's performance notes).
        workbook.set_zip_compression_level(3);
        workbook.add_worksheet().set_name("README").map_err(|e| err(path, e))?;
        Ok(XlsxSink {
            path: path.to_path_buf(),
            workbook,
            open: None,
            counts: Vec::new(),
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        })
    }

    /// Start the sheet of a table: its header row, frozen.
    pub fn begin_table(&mut self, s: &TableSchema) -> Result<(), PipelineError> {
        self.close_table();
        let path = self.path.clone();
        let sheet = self.workbook.add_worksheet_with_constant_memory().map_err(|e| err(&path, e))?;
        sheet.set_name(&s.name).map_err(|e| err(&path, e))?;
        for (i, c) in s.columns.iter().enumerate() {
            let width = match c.ty {
                ColumnType::Str if c.name == "quote" || c.name.ends_with("description") => 60.0,
                ColumnType::Str | ColumnType::ListStr => 18.0,
                _ => 12.0,
            };
            sheet.set_column_width(i as u16, width).map_err(|e| err(&path, e))?;
            sheet.write_string_with_format(0, i as u16, &c.name, &self.bold).map_err(|e| err(&path, e))?;
        }
        sheet.set_freeze_panes(1, 0).map_err(|e| err(&path, e))?;
        let index = self.counts.len() + 1;
        self.counts.push((s.name.clone(), 0, 0));
        self.open = Some(OpenSheet { index, types: s.columns.iter().map(|c| c.ty).collect(), rows: 0 });
        Ok(())
    }

    /// One row of the open table, as cells in schema order. Rows past Excel's limit are
    /// counted but not written (the README sheet says so).
    pub fn push(&mut self, cells: &[Value]) -> Result<(), PipelineError> {
        let Some(open) = self.open.as_mut() else { return Ok(()) };
        open.rows += 1;
        if open.rows > MAX_SHEET_ROWS {
            return Ok(());
        }
        let path = self.path.clone();
        let sheet = self.workbook.worksheet_from_index(open.index).map_err(|e| err(&path, e))?;
        let row = open.rows as u32;
        for (col, (ty, v)) in open.types.iter().zip(cells).enumerate() {
            let col = col as u16;
            let written = match (ty, v) {
                (_, Value::Null) => continue,
                (ColumnType::Bool, Value::Bool(b)) => sheet.write_boolean(row, col, *b),
                (ColumnType::I32 | ColumnType::F64, Value::Number(n)) => {
                    sheet.write_number(row, col, n.as_f64().unwrap_or(f64::NAN))
                }
                (ColumnType::Date, Value::String(s)) => match ExcelDateTime::parse_from_str(s) {
                    Ok(d) => sheet.write_date_with_format(row, col, &d, &self.date),
                    Err(_) => sheet.write_string(row, col, cell_text(s)),
                },
                (_, Value::Array(items)) => {
                    let joined = items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("|");
                    sheet.write_string(row, col, cell_text(&joined))
                }
                (_, Value::String(s)) => sheet.write_string(row, col, cell_text(s)),
                (_, other) => sheet.write_string(row, col, cell_text(&other.to_string())),
            };
            written.map_err(|e| err(&path, e))?;
        }
        Ok(())
    }

    fn close_table(&mut self) {
        if let Some(open) = self.open.take() {
            if let Some(c) = self.counts.last_mut() {
                c.1 = open.rows;
                c.2 = open.rows.min(MAX_SHEET_ROWS);
            }
        }
    }

    /// Write the README sheet (what the workbook is, then one line per column of every
    /// table) and save the workbook, titled `title` and dated `date` (YYYY-MM-DD, not the
    /// clock) in its document properties.
    pub fn finish(mut self, title: &str, date: &str, intro: &[String], schemas: &[TableSchema]) -> Result<(), PipelineError> {
        self.close_table();
        let path = self.path.clone();
        let when = ExcelDateTime::parse_from_str(date)
            .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
            .map_err(|e| err(&path, e))?;
        self.workbook.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&when));
        let counts = std::mem::take(&mut self.counts);
        let bold = self.bold.clone();
        let sheet = self.workbook.worksheet_from_index(0).map_err(|e| err(&path, e))?;
        let mut row = 0u32;
        for line in intro {
            sheet.write_string(row, 0, cell_text(line)).map_err(|e| err(&path, e))?;
            row += 1;
        }
        row += 1;
        for (i, h) in ["sheet", "rows", "title", "description"].iter().enumerate() {
            sheet.write_string_with_format(row, i as u16, *h, &bold).map_err(|e| err(&path, e))?;
        }
        for (name, rows, kept) in &counts {
            row += 1;
            let title = schemas.iter().find(|s| &s.name == name);
            let mut desc = title.map(|s| s.description.trim().to_string()).unwrap_or_default();
            if kept < rows {
                desc = format!("Only the first {kept} rows fit a sheet; the CSV and Parquet files hold all. {desc}");
            }
            sheet.write_string(row, 0, name.as_str()).map_err(|e| err(&path, e))?;
            sheet.write_number(row, 1, *rows as f64).map_err(|e| err(&path, e))?;
            sheet.write_string(row, 2, title.map_or("", |s| s.title.as_str())).map_err(|e| err(&path, e))?;
            sheet.write_string(row, 3, cell_text(&desc)).map_err(|e| err(&path, e))?;
        }
        row += 2;
        for (i, h) in ["table", "column", "type", "required", "unit", "description"].iter().enumerate() {
            sheet.write_string_with_format(row, i as u16, *h, &bold).map_err(|e| err(&path, e))?;
        }
        for s in schemas {
            for c in &s.columns {
                row += 1;
                let cells = [s.name.as_str(), &c.name, c.ty.as_str(), if c.required { "yes" } else { "" }];
                for (i, v) in cells.iter().enumerate() {
                    sheet.write_string(row, i as u16, *v).map_err(|e| err(&path, e))?;
                }
                sheet.write_string(row, 4, c.unit.as_deref().unwrap_or("")).map_err(|e| err(&path, e))?;
                sheet.write_string(row, 5, cell_text(c.description.trim())).map_err(|e| err(&path, e))?;
            }
        }
        for (i, w) in [14.0, 22.0, 10.0, 9.0, 8.0, 100.0].iter().enumerate() {
            sheet.set_column_width(i as u16, *w).map_err(|e| err(&path, e))?;
        }
        self.workbook.save(&path).map_err(|e| err(&path, e))
    }
}

/// What the publish stage sends the workbook thread.
enum Message {
    Begin(TableSchema),
    Rows(Vec<Vec<Value>>),
    Finish { title: String, date: String, intro: Vec<String>, schemas: Vec<TableSchema> },
}

/// Rows gathered before they are sent, so the channel is crossed once per batch.
const BATCH_ROWS: usize = 2048;

/// An [`XlsxSink`] on its own thread, with the same calls. Errors of the thread come back
/// from [`XlsxThread::join`] (or from the next call, once the thread has stopped).
pub struct XlsxThread {
    path: PathBuf,
    batch: Vec<Vec<Value>>,
    send: Option<std::sync::mpsc::SyncSender<Message>>,
    thread: Option<std::thread::JoinHandle<Result<(), PipelineError>>>,
}

impl XlsxThread {
    /// Start the thread with a new workbook at `path`.
    pub fn spawn(path: &Path) -> Result<XlsxThread, PipelineError> {
        let mut sink = XlsxSink::create(path)?;
        // A few batches in flight: the reader never waits long, memory stays bounded.
        let (send, receive) = std::sync::mpsc::sync_channel::<Message>(4);
        let thread = std::thread::Builder::new()
            .name("xlsx".into())
            .spawn(move || {
                for message in receive {
                    match message {
                        Message::Begin(s) => sink.begin_table(&s)?,
                        Message::Rows(rows) => rows.iter().try_for_each(|r| sink.push(r))?,
                        Message::Finish { title, date, intro, schemas } => {
                            return sink.finish(&title, &date, &intro, &schemas)
                        }
                    }
                }
                Ok(())
            })
            .map_err(|e| PipelineError::io(path, e))?;
        Ok(XlsxThread { path: path.to_path_buf(), batch: Vec::new(), send: Some(send), thread: Some(thread) })
    }

    fn send(&mut self, message: Message) -> Result<(), PipelineError> {
        let sent = self.send.as_ref().is_some_and(|s| s.send(message).is_ok());
        if sent {
            Ok(())
        } else {
            // The thread stopped early: its own error says why.
            self.send = None;
            self.join()
        }
    }

    fn flush(&mut self) -> Result<(), PipelineError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.batch);
        self.send(Message::Rows(rows))
    }

    /// See [`XlsxSink::begin_table`].
    pub fn begin_table(&mut self, s: &TableSchema) -> Result<(), PipelineError> {
        self.flush()?;
        self.send(Message::Begin(s.clone()))
    }

    /// See [`XlsxSink::push`].
    pub fn push(&mut self, cells: &[Value]) -> Result<(), PipelineError> {
        self.batch.push(cells.to_vec());
        if self.batch.len() >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Ask the thread to write the README sheet and save (see [`XlsxSink::finish`]); it
    /// does so while the caller goes on. [`XlsxThread::join`] waits for it.
    pub fn finish(&mut self, title: &str, date: &str, intro: &[String], schemas: &[TableSchema]) -> Result<(), PipelineError> {
        self.flush()?;
        let message = Message::Finish {
            title: title.to_string(),
            date: date.to_string(),
            intro: intro.to_vec(),
            schemas: schemas.to_vec(),
        };
        self.send(message)?;
        self.send = None;
        Ok(())
    }

    /// Wait until the workbook is saved (or the thread failed).
    pub fn join(&mut self) -> Result<(), PipelineError> {
        self.send = None;
        match self.thread.take() {
            Some(t) => t.join().map_err(|_| PipelineError::io(&self.path, "the workbook thread panicked"))?,
            None => Ok(()),
        }
    }
}

/// Text as a cell holds it: at most Excel's 32,767 characters.
fn cell_text(s: &str) -> &str {
    // A string of at most that many bytes has at most that many characters.
    if s.len() <= MAX_CELL_CHARS {
        return s;
    }
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}
