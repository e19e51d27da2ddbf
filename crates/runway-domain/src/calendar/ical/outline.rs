//! Where things are in an imported file, so that a refusal names its line. The `icalendar`
//! crate's parser reads the values; it keeps no positions and reports a broken file in terms of
//! its unfolded text ("0: at line 5, in Tag"). The outline is one pass over the lines as the file
//! has them: it unfolds them (a line that starts with a space or a tab continues the one before,
//! RFC 5545 3.1), checks that BEGIN and END pair up, and remembers where each component and
//! property starts.

use std::collections::HashMap;

/// One unfolded content line: the physical line it starts on, how deep it is (1 inside
/// VCALENDAR, 2 inside a VEVENT…) and its name (upper case).
#[derive(Debug)]
struct Logical {
    line: usize,
    depth: usize,
    name: String,
}

/// A component directly inside VCALENDAR: its name and its lines (indexes into the outline).
#[derive(Debug, Clone)]
pub struct Span {
    pub name: String,
    /// The physical line of its BEGIN.
    pub line: usize,
    begin: usize,
    end: usize,
}

#[derive(Debug)]
pub struct Outline {
    lines: Vec<Logical>,
    /// The physical line each line of the unfolded text starts on (the text the parser reads).
    unfolded: Vec<usize>,
    /// The components directly inside VCALENDAR, in order.
    pub children: Vec<Span>,
}

/// The name of a content line (`NAME;PARAM="a:b";…:value`), if it is one: a name, then a colon
/// outside the parameters' quotes.
fn content_name(text: &str) -> Option<&str> {
    let end = text.find([';', ':'])?;
    let name = &text[..end];
    // The names the icalendar crate's parser takes (RFC 5545 has letters, digits and `-`).
    let ok = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "-_./,".contains(c));
    let mut quoted = false;
    let colon = text[end..].chars().any(|c| {
        quoted ^= c == '"';
        c == ':' && !quoted
    });
    (ok && colon).then_some(name)
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

impl Outline {
    /// The outline of `text`, or the first line where its structure breaks and why.
    pub fn read(text: &str) -> Result<Outline, String> {
        let mut lines: Vec<Logical> = vec![];
        let mut texts: Vec<String> = vec![];
        let mut unfolded = vec![];
        let mut joinable = false;
        for (i, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if joinable && raw.starts_with([' ', '\t']) {
                if let Some(last) = texts.last_mut() {
                    last.push_str(&raw[1..]);
                }
                continue;
            }
            unfolded.push(i + 1);
            joinable = !raw.trim().is_empty();
            if joinable {
                lines.push(Logical { line: i + 1, depth: 0, name: String::new() });
                texts.push(raw.to_owned());
            }
        }
        if lines.is_empty() {
            return Err("line 1: the file is empty: an iCalendar file starts with BEGIN:VCALENDAR".into());
        }
        let mut stack: Vec<(String, usize)> = vec![];
        let mut children = vec![];
        let mut closed = false;
        for (idx, text) in texts.iter().enumerate() {
            let line = lines[idx].line;
            let Some(name) = content_name(text) else {
                return Err(format!("line {line}: {:?} is not an iCalendar line (NAME:value)", shorten(text)));
            };
            let name = name.to_ascii_uppercase();
            let value = text.split_once(':').map_or("", |(_, v)| v).trim().to_ascii_uppercase();
            if closed {
                return Err(if name == "BEGIN" && value == "VCALENDAR" {
                    format!("line {line}: a second calendar: Runway reads one VCALENDAR per file")
                } else {
                    format!("line {line}: {:?} comes after END:VCALENDAR", shorten(text))
                });
            }
            match name.as_str() {
                "BEGIN" => {
                    if stack.is_empty() && value != "VCALENDAR" {
                        return Err(format!("line {line}: the file starts with BEGIN:{value}, not BEGIN:VCALENDAR"));
                    }
                    if stack.len() == 1 {
                        children.push(Span { name: value.clone(), line, begin: idx, end: idx });
                    }
                    stack.push((value, line));
                    lines[idx].depth = stack.len() - 1;
                }
                "END" => {
                    let Some((open, at)) = stack.pop() else {
                        return Err(format!("line {line}: END:{value} without a BEGIN:{value}"));
                    };
                    if open != value {
                        return Err(format!("line {line}: END:{value}, but BEGIN:{open} (line {at}) is still open"));
                    }
                    if stack.len() == 1
                        && let Some(child) = children.last_mut()
                    {
                        child.end = idx;
                    }
                    closed = stack.is_empty();
                    lines[idx].depth = stack.len();
                }
                _ if stack.is_empty() => {
                    return Err(format!(
                        "line {line}: the file does not start with BEGIN:VCALENDAR (is it an iCalendar file?)"
                    ));
                }
                _ => lines[idx].depth = stack.len(),
            }
            lines[idx].name = name;
        }
        if let Some((open, at)) = stack.last() {
            let last = lines.last().map_or(1, |l| l.line);
            return Err(format!(
                "line {last}: the file ends inside {open} (BEGIN:{open} at line {at}): END:{open} is missing"
            ));
        }
        Ok(Outline { lines, unfolded, children })
    }

    /// The lines of the properties directly inside `span`, by name (upper case), in order: the
    /// `nth` property called `name` is on `[name][nth]`. One pass for all of them (a pass per
    /// property took seconds for an event of 20,000 lines).
    pub fn property_lines(&self, span: &Span) -> HashMap<&str, Vec<usize>> {
        let mut out: HashMap<&str, Vec<usize>> = HashMap::new();
        for l in self.lines[span.begin + 1..span.end].iter().filter(|l| l.depth == 2) {
            out.entry(l.name.as_str()).or_default().push(l.line);
        }
        out
    }

    /// The physical line of the `n`th (from 1) line of the unfolded text.
    pub fn unfolded_line(&self, n: usize) -> usize {
        self.unfolded.get(n.saturating_sub(1)).or(self.unfolded.last()).copied().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Outline::read(text).unwrap_err()
    }

    #[test]
    fn folded_lines_keep_the_number_of_their_first_line() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a long\r\n  summary\r\n\r\nDTSTART:20270101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let o = Outline::read(text).unwrap();
        assert_eq!(o.children.len(), 1);
        assert_eq!(o.children[0].line, 2);
        let lines = o.property_lines(&o.children[0]);
        assert_eq!((lines.get("DTSTART"), lines.get("RRULE")), (Some(&vec![6]), None));
        // The unfolded text: BEGIN, BEGIN, SUMMARY, (blank), DTSTART…
        assert_eq!(o.unfolded_line(5), 6);
    }

    #[test]
    fn a_broken_structure_is_named_by_its_line() {
        assert!(err("").starts_with("line 1: the file is empty"));
        assert!(err("hello\n").contains("line 1: \"hello\" is not an iCalendar line"));
        assert!(err("VERSION:2.0\n").contains("does not start with BEGIN:VCALENDAR"));
        let e = err("BEGIN:VCALENDAR\nDTSTART;TZID=\"W. Europe Standard Time:20200609T090000\"\nEND:VCALENDAR\n");
        assert!(e.starts_with("line 2: \"DTSTART;TZID=\\\"W. Europe"), "{e}");
        assert!(err("BEGIN:VEVENT\nEND:VEVENT\n").contains("starts with BEGIN:VEVENT"));
        let e = err("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nEND:VCALENDAR\n");
        assert_eq!(e, "line 4: END:VCALENDAR, but BEGIN:VEVENT (line 2) is still open");
        let e = err("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nEND:VEVENT\n");
        assert_eq!(e, "line 4: the file ends inside VCALENDAR (BEGIN:VCALENDAR at line 1): END:VCALENDAR is missing");
        let e = err("BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\n");
        assert!(e.starts_with("line 3: a second calendar"), "{e}");
    }
}
