//! How wide text is in the bundled font, and text wrapped to a width: what a drawing
//! needs to lay out paragraphs (quotes, descriptions) without a font library. The widths
//! are DejaVu Sans's and DejaVu Sans Bold's advances for printable ASCII, in thousandths
//! of an em, read from the fonts `journey-render` embeds, with Latin-1 and Latin
//! Extended-A and the punctuation the report itself writes; other characters are given a
//! generous width (1.35 em, wider than nearly every glyph of the fonts), so a line
//! measured here is hardly ever wider than the line drawn.

/// DejaVu Sans, U+0020 to U+007E.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// DejaVu Sans Bold, U+0020 to U+007E.
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// DejaVu Sans, U+00A0 to U+017F (Latin-1 Supplement and Latin Extended-A).
const REGULAR_LATIN: [u16; 224] = [
    318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500, 500, 838,
    401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684,
    684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838,
    787, 732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615,
    615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592,
    635, 592, 684, 613, 684, 613, 684, 613, 698, 550, 698, 550, 698, 550, 698, 550, 770, 635, 775,
    635, 632, 615, 632, 615, 632, 615, 632, 615, 632, 615, 775, 635, 775, 635, 775, 635, 775, 635,
    752, 634, 916, 695, 295, 278, 295, 278, 295, 278, 295, 278, 295, 278, 590, 556, 295, 278, 656,
    579, 579, 557, 278, 557, 278, 557, 375, 557, 342, 562, 284, 748, 634, 748, 634, 748, 634, 813,
    748, 634, 787, 612, 787, 612, 787, 612, 1070, 1023, 695, 411, 695, 411, 695, 411, 635, 521,
    635, 521, 635, 521, 635, 521, 611, 392, 611, 392, 611, 392, 732, 634, 732, 634, 732, 634, 732,
    634, 732, 634, 732, 634, 989, 818, 611, 592, 611, 685, 525, 685, 525, 685, 525, 352,
];

/// DejaVu Sans Bold, U+00A0 to U+017F.
const BOLD_LATIN: [u16; 224] = [
    348, 456, 696, 696, 636, 696, 365, 500, 500, 1000, 564, 646, 838, 415, 1000, 500, 500, 838,
    438, 438, 500, 736, 636, 380, 500, 438, 564, 646, 1035, 1035, 1035, 580, 774, 774, 774, 774,
    774, 774, 1085, 734, 683, 683, 683, 683, 372, 372, 372, 372, 838, 837, 850, 850, 850, 850, 850,
    838, 850, 812, 812, 812, 812, 724, 738, 719, 675, 675, 675, 675, 675, 675, 1048, 593, 678, 678,
    678, 678, 343, 343, 343, 343, 687, 712, 687, 687, 687, 687, 687, 838, 687, 712, 712, 712, 712,
    652, 716, 652, 774, 675, 774, 675, 774, 675, 734, 593, 734, 593, 734, 593, 734, 593, 830, 716,
    838, 716, 683, 678, 683, 678, 683, 678, 683, 678, 683, 678, 821, 716, 821, 716, 821, 716, 821,
    716, 837, 712, 974, 790, 372, 343, 372, 343, 372, 343, 372, 343, 372, 343, 744, 686, 372, 343,
    775, 665, 665, 637, 343, 637, 343, 637, 479, 637, 557, 642, 371, 837, 712, 837, 712, 837, 712,
    983, 837, 712, 850, 687, 850, 687, 850, 687, 1167, 1094, 770, 493, 770, 493, 770, 493, 720,
    595, 720, 595, 720, 595, 720, 595, 682, 478, 682, 478, 682, 478, 812, 712, 812, 712, 812, 712,
    812, 712, 812, 712, 812, 712, 1103, 924, 724, 652, 724, 725, 582, 725, 582, 725, 582, 435,
];

/// Wider than nearly every glyph of the fonts (the widest are 1.7 and 2 em).
const UNKNOWN: u32 = 1350;

/// The advance of one character, in thousandths of an em.
fn advance(c: char, bold: bool) -> u32 {
    let code = c as u32;
    if (0x20..0x7f).contains(&code) {
        let table = if bold { &BOLD } else { &REGULAR };
        return u32::from(table[(code - 0x20) as usize]);
    }
    if (0xa0..0x180).contains(&code) {
        let table = if bold { &BOLD_LATIN } else { &REGULAR_LATIN };
        return u32::from(table[(code - 0xa0) as usize]);
    }
    match code {
        // Combining marks and zero-width characters take no room.
        0x300..=0x36f | 0x200b..=0x200f | 0x202a..=0x202e | 0x2066..=0x2069 | 0xfe00..=0xfe0f => 0,
        // The punctuation the report writes (dashes, quotes, bullets, the ellipsis, arrows,
        // the minus sign, the star), the same in both weights but the quotes.
        0x2013 => 500,
        0x2014 | 0x2026 => 1000,
        0x2018 | 0x2019 => {
            if bold {
                380
            } else {
                318
            }
        }
        0x201c | 0x201d => {
            if bold {
                657
            } else {
                518
            }
        }
        0x2022 => 639,
        0x2190 | 0x2192 | 0x2212 => 838,
        0x2605 => 896,
        _ => UNKNOWN,
    }
}

/// The width of `text` set in the bundled font at `size`.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let thousandths: u32 = text.chars().map(|c| advance(c, bold)).sum();
    f64::from(thousandths) * size / 1000.0
}

/// `text` broken into lines no wider than `max` at `size`, at spaces where it can be and
/// inside a word only when a word alone is too wide. Line breaks in the text are kept;
/// tabs read as spaces.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it where it stops fitting.
            for c in word.chars() {
                line.push(c);
                if width(&line, size, bold) > max && line.chars().count() > 1 {
                    let last = line.pop().unwrap_or(' ');
                    lines.push(std::mem::take(&mut line));
                    line.push(last);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// At most `max` wide: cut at a character, with `…` when cut.
pub fn fit(text: &str, size: f64, bold: bool, max: f64) -> String {
    let text = text.replace(['\n', '\t'], " ");
    if width(&text, size, bold) <= max {
        return text;
    }
    let room = max - width("…", size, bold);
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if width(&out, size, bold) > room {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // "Wi" at 10: W is 989, i is 278 thousandths of an em.
        assert!((width("Wi", 10.0, false) - 12.67).abs() < 1e-9);
        assert!(width("Wi", 10.0, true) > width("Wi", 10.0, false));
        assert_eq!(width("é", 10.0, false), width("e", 10.0, false));
        assert!(
            width("Щ", 10.0, true) >= 13.0,
            "an unknown letter counts wide"
        );
        assert_eq!(width("→", 10.0, false), 8.38);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_a_word_too_long_for_a_line() {
        let lines = wrap(
            "the quick brown fox jumps over the lazy dog",
            10.0,
            false,
            80.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, 10.0, false) <= 80.0, "{l}");
        }
        assert_eq!(
            lines.join(" "),
            "the quick brown fox jumps over the lazy dog"
        );
        let long = wrap(&"x".repeat(100), 10.0, false, 50.0);
        assert!(long.len() > 5);
        assert_eq!(long.concat(), "x".repeat(100));
        assert_eq!(wrap("a\nb", 10.0, false, 100.0), ["a", "b"]);
        assert_eq!(wrap("", 10.0, false, 100.0), [""]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("short", 10.0, false, 100.0), "short");
        let cut = fit(&"word ".repeat(40), 10.0, false, 100.0);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 10.0, false) <= 100.0);
    }
}
