//! Terminal colour, decided once per stream (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`).

use std::io::IsTerminal;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to a stream that `is_terminal` describes.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
                if set("NO_COLOR") {
                    false
                } else {
                    set("CLICOLOR_FORCE") || is_terminal
                }
            }
        }
    }

    pub fn for_stderr(self) -> Style {
        Style { enabled: self.enabled(std::io::stderr().is_terminal()) }
    }

    pub fn for_stdout(self) -> Style {
        Style { enabled: self.enabled(std::io::stdout().is_terminal()) }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub enabled: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }
    pub fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }
    pub fn info(self, text: &str) -> String {
        self.paint("1;36", text)
    }
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
    pub fn accent(self, text: &str) -> String {
        self.paint("1;34", text)
    }
    pub fn good(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    pub fn level(self, level: crate::diagnostic::Level, text: &str) -> String {
        use crate::diagnostic::Level;
        match level {
            Level::Error => self.error(text),
            Level::Warning => self.warning(text),
            Level::Info | Level::Off => self.info(text),
        }
    }
}
