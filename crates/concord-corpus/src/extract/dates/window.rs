//! Windowed scanning: long texts are scanned in overlapping windows so memory stays bounded,
//! each window accepting only the mentions that start inside it.

use super::scanner::Scanner;
use super::{DateMention, RelativeDay};

/// Bytes of text whose mentions one window accepts.
const WINDOW: usize = 1 << 18;
/// Bytes scanned past the window so a mention starting inside it is seen whole.
const OVERLAP: usize = 1 << 12;
/// Bytes scanned before the window so the first token's left neighbour is known.
const CONTEXT: usize = 256;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

pub(super) fn scan(text: &str, want_days: bool) -> (Vec<DateMention>, Vec<RelativeDay>) {
    let mut dates = Vec::new();
    let mut days = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let (accept_end, scan_end) = if text.len() - pos <= WINDOW + OVERLAP {
            (text.len(), text.len())
        } else {
            let accept_end = ceil_boundary(text, pos + WINDOW);
            (accept_end, ceil_boundary(text, accept_end + OVERLAP))
        };
        let from = floor_boundary(text, pos.saturating_sub(CONTEXT));
        let scanner = Scanner::new(&text[from..scan_end]);
        let window_dates = scanner.dates();
        let accepts = |start: usize| start >= pos && start < accept_end;
        if want_days {
            for mut day in scanner.relative_days(&window_dates) {
                day.start += from;
                day.end += from;
                if accepts(day.start) {
                    days.push(day);
                }
            }
        }
        let mut next_pos = accept_end;
        for mut mention in window_dates {
            mention.start += from;
            mention.end += from;
            if accepts(mention.start) {
                next_pos = next_pos.max(mention.end);
                dates.push(mention);
            }
        }
        pos = next_pos;
    }
    (dates, days)
}
