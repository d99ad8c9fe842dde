//! Parsing only the sections the corpus views read (`stats`, `factors`, `report`): the
//! frontmatter, the Timeline, the Root Cause Analysis, Contributing Factors and the Action Items.
//!
//! A line scan finds the level-2 headings of the body; the frontmatter block and the first section
//! of each of those kinds are copied, in their order, into a shorter text, and that text is parsed
//! by the same [`parse`](super::parse()) that reads whole documents. Every section a view reads is
//! then parsed from exactly its own lines, so it comes out as a full parse gives it; only offsets
//! (and so lines) differ, and [`Digest`] maps them back.
//!
//! A level-2 heading always ends the block before it, unless the scan misreads the Markdown. So
//! the scan ([`level_two_headings`]) gives up, and the whole document is parsed, wherever it could
//! disagree with the parser.

use std::ops::Range;

use super::partial::{frontmatter_end, level_two_headings};
use super::{parse, Document, ParseOptions, SectionAliases, SectionKind};

/// The sections a digest keeps.
const KEPT: [SectionKind; 4] =
    [SectionKind::Timeline, SectionKind::RootCauseAnalysis, SectionKind::ContributingFactors, SectionKind::ActionItems];

/// A post-mortem parsed from only the sections the corpus views read. Its frontmatter, timeline,
/// root cause and action items are those of a full parse; its offsets are into the shortened
/// text, which [`Digest::source_offset`] and [`Digest::line_of`] map back to the file.
#[derive(Debug, Clone)]
pub struct Digest {
    pub doc: Document,
    /// Where each copied piece starts in the parsed text and in the file, ascending; empty when
    /// the whole file was parsed.
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Offset in the parsed text.
    at: usize,
    /// Offset in the file.
    from: usize,
    /// Lines of the file skipped before the piece.
    lines_skipped: usize,
}

impl Digest {
    /// A whole parsed document, as a digest.
    pub fn whole(doc: Document) -> Digest {
        Digest { doc, pieces: Vec::new() }
    }

    /// Parses what the corpus views read of `text`: only the kept sections when a line scan can
    /// find them with certainty, else the whole document.
    pub fn read(path: String, text: String, options: &ParseOptions) -> Digest {
        let text = super::without_bom(text);
        let Some(kept) = kept_ranges(&text, &options.aliases) else {
            return Digest::whole(parse(path, text, options));
        };
        let kept_len: usize = kept.iter().map(|r| r.len()).sum();
        if kept_len == text.len() {
            return Digest::whole(parse(path, text, options));
        }
        let mut short = String::with_capacity(kept_len);
        let mut pieces = Vec::with_capacity(kept.len());
        let (mut file_lines, mut counted_to, mut short_lines) = (0, 0, 0);
        for range in kept {
            file_lines += newlines(&text[counted_to..range.start]);
            pieces.push(Piece { at: short.len(), from: range.start, lines_skipped: file_lines - short_lines });
            let piece = &text[range.clone()];
            short.push_str(piece);
            let piece_lines = newlines(piece);
            short_lines += piece_lines;
            file_lines += piece_lines;
            counted_to = range.end;
        }
        Digest { doc: parse(path, short, options), pieces }
    }

    fn piece(&self, offset: usize) -> Option<&Piece> {
        let after = self.pieces.partition_point(|p| p.at <= offset);
        after.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// The offset in the file of an offset into [`Digest::doc`]'s text.
    pub fn source_offset(&self, offset: usize) -> usize {
        self.piece(offset).map_or(offset, |p| offset - p.at + p.from)
    }

    /// The 1-based line in the file of an offset into [`Digest::doc`]'s text.
    pub fn line_of(&self, offset: usize) -> usize {
        self.doc.line_of(offset) + self.piece(offset).map_or(0, |p| p.lines_skipped)
    }
}

fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// The byte ranges to parse: the frontmatter block, then the first section of each kept kind,
/// in document order; `None` when the scan cannot be sure of the sections.
fn kept_ranges(text: &str, aliases: &SectionAliases) -> Option<Vec<Range<usize>>> {
    let body_start = frontmatter_end(text)?;
    let headings = level_two_headings(text, body_start, aliases)?;
    let mut ranges = Vec::with_capacity(KEPT.len() + 1);
    ranges.push(0..body_start);
    let mut seen: Vec<SectionKind> = Vec::new();
    for (i, &(start, kind)) in headings.iter().enumerate() {
        let Some(kind) = kind.filter(|k| KEPT.contains(k) && !seen.contains(k)) else { continue };
        seen.push(kind);
        let end = headings.get(i + 1).map_or(text.len(), |&(next, _)| next);
        ranges.push(start..end);
    }
    Some(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the corpus views read of a parse, with offsets turned into file lines and offsets.
    fn seen(doc: &Document, line: impl Fn(usize) -> usize, offset: impl Fn(usize) -> usize) -> String {
        let timeline: Vec<String> = doc
            .timeline
            .entries
            .iter()
            .map(|e| format!("{} {:?} {:?} {} {}", e.at, e.milestone, e.zone, e.date_inferred, e.event))
            .chain(doc.timeline.unparsed.iter().map(|u| format!("unparsed {} @{}", u.text, line(u.span.start))))
            .collect();
        let root = &doc.root_cause;
        let bullets: Vec<String> = root
            .contributing_factors
            .iter()
            .flat_map(|part| &part.bullets)
            .map(|b| format!("{} @{}", b.text, line(b.span.start)))
            .collect();
        let items: Vec<String> = doc
            .actions
            .iter()
            .map(|a| {
                let span = |s: crate::span::Span| (offset(s.start), offset(s.end));
                format!(
                    "{:?} {:?} {} {} {:?} {:?} {:?} {:?} {:?} {:?} @{}",
                    span(a.span),
                    span(a.description_span),
                    a.text,
                    a.description,
                    a.status,
                    a.owner.as_ref().map(|o| (&o.value, span(o.span))),
                    a.due_text.as_ref().map(|d| (&d.value, span(d.span))),
                    a.due,
                    a.ticket,
                    a.checked,
                    line(a.span.start)
                )
            })
            .collect();
        format!(
            "id {}\nfrontmatter {:?}\ntimeline {timeline:#?} {}\nparts {} {} {}\nfactors {bullets:#?}\nactions {items:#?}",
            doc.id(),
            doc.frontmatter,
            doc.timeline.zone_declared,
            root.immediate_cause.is_some(),
            root.contributing_factors.is_some(),
            root.root_cause.is_some(),
        )
    }

    /// Asserts that the digest of `text` reads what a full parse reads; returns whether it parsed
    /// less than the whole document.
    fn agrees(text: &str) -> bool {
        let options = ParseOptions::default();
        let full = parse("pm/2026-01-02-a.md".into(), text.to_string(), &options);
        let digest = Digest::read("pm/2026-01-02-a.md".into(), text.to_string(), &options);
        let expected = seen(&full, |o| full.line_of(o), |o| o);
        let got = seen(&digest.doc, |o| digest.line_of(o), |o| digest.source_offset(o));
        assert_eq!(got, expected, "in:\n{text}");
        !digest.pieces.is_empty()
    }

    const DOC: &str = "---\ntitle: T\ndate: 2026-01-02\n---\n\n# T\n\n## Summary\n\nText with [a link](x).\n\n\
## Timeline\n\n- 10:00 UTC — [start] errors\n- 10:05 — [detected] alert\n- 11:00 — [resolved] fixed\n\n\
## Impact\n\n- Some\n\n## Root Cause Analysis\n\n### Contributing factors\n\n- No runbook\n- Alert to email\n\n\
## Lessons\n\n- [ ] not an action\n\n## Action Items\n\n- [ ] Write runbook — Owner: @a — Due: 2026-02-01\n\
- [x] ~~Page on it~~ — Owner: @b — Due: 2026-01-10\n\n## Appendix\n\nMore.\n";

    #[test]
    fn only_the_sections_the_views_read_are_parsed() {
        assert!(agrees(DOC));
        let options = ParseOptions::default();
        let digest = Digest::read("pm/a.md".into(), DOC.to_string(), &options);
        let kinds: Vec<_> = digest.doc.sections.iter().filter_map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [SectionKind::Timeline, SectionKind::RootCauseAnalysis, SectionKind::ActionItems],
            "summary, impact, lessons and appendix are skipped"
        );
        let line = |needle: &str| DOC[..DOC.find(needle).unwrap_or(0)].lines().count() + 1;
        let first = &digest.doc.actions[0];
        assert_eq!(digest.line_of(first.span.start), line("- [ ] Write runbook"));
        assert_eq!(&DOC[digest.source_offset(first.span.start)..][..13], "- [ ] Write r");
    }

    #[test]
    fn the_example_corpus_reads_the_same_and_mostly_takes_the_short_way() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/postmortems");
        let (mut checked, mut short) = (0, 0);
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            short += usize::from(agrees(&text));
            checked += 1;
        }
        assert!(checked >= 10, "the example corpus is missing");
        assert!(short * 2 >= checked, "only {short} of {checked} took the short way");
    }

    #[test]
    fn the_shared_corpora_read_the_same() {
        // Where `tests/real_corpora.rs` looks for them too.
        let root = std::env::var_os("PMCTL_CORPORA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora")));
        let mut checked = 0;
        for corpus in std::fs::read_dir(root).into_iter().flatten().flatten() {
            for entry in std::fs::read_dir(corpus.path()).into_iter().flatten().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                agrees(&text);
                checked += 1;
            }
        }
        eprintln!("{checked} shared documents compared");
    }

    #[test]
    fn markdown_the_scan_cannot_follow_is_parsed_whole() {
        let around = |middle: &str| DOC.replace("## Impact\n", &format!("{middle}\n## Impact\n"));
        let unsure = [
            // Headings the scan would miss or misread.
            around("Action Items\n---\n- [ ] setext"),
            around("> ## Action Items\n> - [ ] quoted"),
            around("- ## Action Items\n- [ ] in a list"),
            around("1. x\n\n    ## Action Items\n    - [ ] four-space item"),
            around("\t## Action Items"),
            around("  ## Action Items\n- [ ] indented heading"),
            around("## [Action Items](#x)\n- [ ] link heading"),
            around("## Action Items**\n- [ ] stray emphasis"),
            around("## Action&#32;Items\n- [ ] entity"),
            // Fences and HTML the scan would misread.
            around("- ```\n## Action Items\n- [ ] after a fence in a list item"),
            around("- x\n  ```\n## Action Items\n- [ ] the item closes the fence"),
            around("```foo`bar\n## Action Items\n- [ ] not a fence"),
            around("<div>\n## Action Items\n- [ ] in HTML\n</div>"),
            around("<!-->\n## Action Items\n- [ ] after an empty comment"),
            around("> ```\n## Action Items"),
            // A link defined in a skipped section, used in a kept one.
            DOC.replace("Text with [a link](x).", "[r]: https://example.com").replace("Write runbook", "Write [r]"),
            DOC.replace("\n", "\r"),
            DOC.replace("## Lessons\n", "## Lessons\nSome\r text\n"),
        ];
        for text in &unsure {
            assert!(!agrees(text), "the scan should have given up on:\n{text}");
        }
        // What it can follow: fences and comments at the margin, CRLF line ends, a Setext underline
        // after a blank line (a rule), headings without a known section.
        let sure = [
            around("```\n## Action Items\n- [ ] code\n```"),
            around("~~~~\n## Action Items\n~~~\n~~~~"),
            around("<!--\n## Action Items\n- [ ] commented out\n-->"),
            around("Text\n\n---\n\n## Notes ##\n- [ ] not an action"),
            DOC.replace('\n', "\r\n"),
            DOC.replace("## Impact", "## Action Items\n- [ ] the first section wins\n\n## Impact"),
        ];
        for text in &sure {
            assert!(agrees(text), "the scan should have followed:\n{text}");
        }
    }
}
