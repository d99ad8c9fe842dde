//! The action items of every version history reads, parsed no more than needed.
//!
//! Only the Action Items section of each version is parsed ([`partial`]), and successive versions
//! of a post-mortem mostly repeat the same items: the section is cut into chunks at top-level list
//! items and each chunk's items are remembered by the chunk's text, so a commit that checks one
//! item parses that one item, not the other nine.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::track::ItemVersion;
use crate::corpus::{self, MAX_FILE_BYTES};
use crate::document::{self, partial, ParseOptions};

/// How many chunks [`ItemReader`] remembers before it starts over (bounds memory on huge
/// histories; each entry is a few hundred bytes).
const REMEMBERED_CHUNKS: usize = 200_000;

/// Reads the action items of blobs, remembering the items of chunks it has seen.
pub struct ItemReader<'a> {
    options: &'a ParseOptions,
    chunks: HashMap<Box<str>, Vec<ItemVersion>, BuildHasherDefault<FastHasher>>,
}

impl<'a> ItemReader<'a> {
    pub fn new(options: &'a ParseOptions) -> Self {
        ItemReader { options, chunks: HashMap::default() }
    }

    /// The action items of a blob, or `None` when it is not a readable post-mortem (too large,
    /// binary, not UTF-8). Takes the bytes by value so that decoding need not copy them.
    pub fn item_versions(&mut self, bytes: Vec<u8>) -> Option<Vec<ItemVersion>> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return None;
        }
        let text = corpus::decode(bytes).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let Some(section) = partial::section_body(text, &self.options.aliases) else {
            let items = document::parse(String::new(), text.to_string(), self.options).actions;
            return Some(items.iter().map(ItemVersion::of).collect());
        };
        if self.chunks.len() > REMEMBERED_CHUNKS {
            self.chunks.clear();
        }
        let cut: Vec<&str> = partial::chunks(&text[section]).collect();
        let unknown: Vec<&str> = cut.iter().copied().filter(|chunk| !self.chunks.contains_key(*chunk)).collect();
        if !unknown.is_empty() {
            // The chunks not seen before are parsed together, as one section, and their items
            // shared out by where they start.
            let mut body = String::with_capacity(unknown.iter().map(|c| c.len() + 1).sum());
            let mut ends = Vec::with_capacity(unknown.len());
            for chunk in &unknown {
                body.push_str(chunk);
                if !body.ends_with('\n') {
                    body.push('\n');
                }
                ends.push(body.len());
            }
            let mut found: Vec<Vec<ItemVersion>> = vec![Vec::new(); unknown.len()];
            for item in partial::parse_section_body(&body, self.options) {
                let index = ends.partition_point(|&end| end <= item.span.start).min(unknown.len() - 1);
                found[index].push(ItemVersion::of(&item));
            }
            for (chunk, items) in unknown.into_iter().zip(found) {
                self.chunks.insert(chunk.into(), items);
            }
        }
        let mut versions = Vec::new();
        for chunk in cut {
            versions.extend(self.chunks.get(chunk).into_iter().flatten().cloned());
        }
        Some(versions)
    }
}

/// An FNV-style multiply-and-rotate hash over 8-byte words: the chunk cache hashes every chunk of
/// every version, and the standard SipHash (built against hash flooding, which a local history
/// cannot mount) showed up in profiles.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            hash = (hash ^ u64::from_le_bytes(eight)).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(23);
        }
        for &byte in words.remainder() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_chunks_give_the_same_items() {
        let options = ParseOptions::default();
        let mut reader = ItemReader::new(&options);
        let first = "## Action Items\n- [ ] Add alert — Owner: @a — Due: 2026-01-01\n- [ ] Pin driver\n";
        let second = "## Action Items\n- [x] Add alert — Owner: @a — Due: 2026-01-01\n- [ ] Pin driver\n";
        let a = reader.item_versions(first.as_bytes().to_vec()).unwrap_or_default();
        let b = reader.item_versions(second.as_bytes().to_vec()).unwrap_or_default();
        assert_eq!(reader.chunks.len(), 3);
        assert_eq!((a.len(), a[0].checked, b[0].checked), (2, false, true));
        assert_eq!(a[1], b[1]);
        let whole = document::parse(String::new(), second.to_string(), &options).actions;
        assert_eq!(b, whole.iter().map(ItemVersion::of).collect::<Vec<_>>());
        assert_eq!(reader.item_versions(b"\0binary".to_vec()), None);
    }
}
