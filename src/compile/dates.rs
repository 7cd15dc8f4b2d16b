//! Dates: checked calendar dates from the front matter, and the file's last commit
//! date (like Hugo's GitInfo) where the front matter gives none. Never invented.

use std::path::Path;
use std::process::Command;

/// `YYYY-MM-DD` if `(year, month, day)` is a real calendar date.
pub fn iso_date(year: u16, month: u8, day: u8) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// "May 1, 2025" from `2025-05-01`, with a language's month names and `format`
/// (`{month} {day}, {year}`).
pub fn display(iso: &str, months: &[String], format: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let month = month
        .parse::<usize>()
        .ok()
        .and_then(|m| months.get(m.wrapping_sub(1)));
    match (month, day.parse::<u8>()) {
        (Some(month), Ok(day)) => format
            .replace("{month}", month)
            .replace("{day}", &day.to_string())
            .replace("{year}", year),
        _ => iso.to_string(),
    }
}

/// The committer date of the file's last commit (`git log -1 --format=%cI`), or
/// `None` when git, the repository or a commit of the file is missing.
pub fn git_date(path: &Path) -> Option<String> {
    let dir = path.parent()?;
    let name = path.file_name()?;
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["log", "-1", "--format=%cI", "--"])
        .arg(name)
        .output()
        .ok()?;
    let date = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !date.is_empty()).then_some(date)
}

/// An RFC 3339 timestamp (for Atom) from a date or a git timestamp.
pub fn timestamp(date: &str) -> String {
    if date.len() == 10 {
        format!("{date}T00:00:00Z")
    } else {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert_eq!(iso_date(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date(2025, 2, 29), None);
        assert_eq!(iso_date(2025, 13, 1), None);
        assert_eq!(iso_date(2025, 4, 31), None);
    }

    #[test]
    fn display_and_timestamp() {
        let months: Vec<String> = (1..=12).map(|m| format!("M{m}")).collect();
        assert_eq!(
            display("2025-05-01", &months, "{month} {day}, {year}"),
            "M5 1, 2025"
        );
        assert_eq!(
            display("2025-05-01", &months, "{day} de {month} de {year}"),
            "1 de M5 de 2025"
        );
        assert_eq!(timestamp("2025-05-01"), "2025-05-01T00:00:00Z");
        assert_eq!(
            timestamp("2025-05-01T10:00:00+02:00"),
            "2025-05-01T10:00:00+02:00"
        );
    }
}
