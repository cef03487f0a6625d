//! Translations: a few Fluent files per language (`locales/<code>/*.ftl`, one bundle per
//! language), embedded in the binary. A message missing in a language falls back to English, then to the key itself, so
//! a gap shows up as a visible key rather than an error page; tests keep the four files
//! complete.

use std::borrow::Cow;
#[cfg(test)]
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::fmt;

use coopshares_domain::language::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::error::UiError;

/// A Fluent file as embedded: its language, its path (for error messages) and its text.
pub(crate) struct Source {
    pub(crate) language: Language,
    pub(crate) file: &'static str,
    pub(crate) text: &'static str,
}

/// The files of each language: the shell, intake, validation and payments (`main`), the
/// member portal (`members`), the certificate's back office (`certificates`), the member and
/// share register (`register`) and the audit log (`audit`).
pub(crate) const SOURCES: [Source; 20] = [
    Source {
        language: Language::Fr,
        file: "locales/fr/main.ftl",
        text: include_str!("../../locales/fr/main.ftl"),
    },
    Source {
        language: Language::Fr,
        file: "locales/fr/members.ftl",
        text: include_str!("../../locales/fr/members.ftl"),
    },
    Source {
        language: Language::Fr,
        file: "locales/fr/certificates.ftl",
        text: include_str!("../../locales/fr/certificates.ftl"),
    },
    Source {
        language: Language::Fr,
        file: "locales/fr/register.ftl",
        text: include_str!("../../locales/fr/register.ftl"),
    },
    Source {
        language: Language::Fr,
        file: "locales/fr/audit.ftl",
        text: include_str!("../../locales/fr/audit.ftl"),
    },
    Source {
        language: Language::Nl,
        file: "locales/nl/main.ftl",
        text: include_str!("../../locales/nl/main.ftl"),
    },
    Source {
        language: Language::Nl,
        file: "locales/nl/members.ftl",
        text: include_str!("../../locales/nl/members.ftl"),
    },
    Source {
        language: Language::Nl,
        file: "locales/nl/certificates.ftl",
        text: include_str!("../../locales/nl/certificates.ftl"),
    },
    Source {
        language: Language::Nl,
        file: "locales/nl/register.ftl",
        text: include_str!("../../locales/nl/register.ftl"),
    },
    Source {
        language: Language::Nl,
        file: "locales/nl/audit.ftl",
        text: include_str!("../../locales/nl/audit.ftl"),
    },
    Source {
        language: Language::En,
        file: "locales/en/main.ftl",
        text: include_str!("../../locales/en/main.ftl"),
    },
    Source {
        language: Language::En,
        file: "locales/en/members.ftl",
        text: include_str!("../../locales/en/members.ftl"),
    },
    Source {
        language: Language::En,
        file: "locales/en/certificates.ftl",
        text: include_str!("../../locales/en/certificates.ftl"),
    },
    Source {
        language: Language::En,
        file: "locales/en/register.ftl",
        text: include_str!("../../locales/en/register.ftl"),
    },
    Source {
        language: Language::En,
        file: "locales/en/audit.ftl",
        text: include_str!("../../locales/en/audit.ftl"),
    },
    Source {
        language: Language::De,
        file: "locales/de/main.ftl",
        text: include_str!("../../locales/de/main.ftl"),
    },
    Source {
        language: Language::De,
        file: "locales/de/members.ftl",
        text: include_str!("../../locales/de/members.ftl"),
    },
    Source {
        language: Language::De,
        file: "locales/de/certificates.ftl",
        text: include_str!("../../locales/de/certificates.ftl"),
    },
    Source {
        language: Language::De,
        file: "locales/de/register.ftl",
        text: include_str!("../../locales/de/register.ftl"),
    },
    Source {
        language: Language::De,
        file: "locales/de/audit.ftl",
        text: include_str!("../../locales/de/audit.ftl"),
    },
];

/// An argument of a translated message: Fluent's `{ $name }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    Str(Cow<'a, str>),
    Int(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(value))
    }
}

impl From<String> for Arg<'_> {
    fn from(value: String) -> Self {
        Arg::Str(Cow::Owned(value))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(value: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(value.as_str()))
    }
}

macro_rules! int_arg {
    ($($int:ty),*) => {$(
        impl From<$int> for Arg<'_> {
            fn from(value: $int) -> Self {
                Arg::Int(i64::from(value))
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, u8, u16, u32);

impl<'a> From<Arg<'a>> for FluentValue<'a> {
    fn from(value: Arg<'a>) -> Self {
        match value {
            Arg::Str(text) => FluentValue::String(text),
            Arg::Int(number) => FluentValue::from(number),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The four languages' messages, parsed once at start-up. Shared across requests.
pub struct Translator {
    bundles: HashMap<Language, Bundle>,
}

impl fmt::Debug for Translator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translator")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Translator {
    /// Parses the embedded Fluent files. An error names the file, the line and the problem.
    pub fn new() -> Result<Self, UiError> {
        let mut bundles = HashMap::new();
        for language in Language::ALL {
            let sources: Vec<&Source> = SOURCES
                .iter()
                .filter(|source| source.language == language)
                .collect();
            bundles.insert(language, bundle(&sources)?);
        }
        Ok(Translator { bundles })
    }

    /// The message `key` in `lang`, else in English, else the key itself (logged).
    pub fn t(&self, lang: Language, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut fluent_args = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                fluent_args.set(*name, FluentValue::from(value.clone()));
            }
            fluent_args
        });
        for language in [lang, Language::En] {
            let Some(bundle) = self.bundles.get(&language) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, language = %language, errors = ?errors, "translation formatted with errors");
            }
            if language != lang {
                tracing::warn!(key, language = %lang, "translation missing, English used");
            }
            return text.into_owned();
        }
        tracing::warn!(key, language = %lang, "translation missing in every language");
        key.to_owned()
    }

    /// Whether `lang` has its own message `key` (no fallback).
    pub fn has(&self, lang: Language, key: &str) -> bool {
        self.bundles
            .get(&lang)
            .is_some_and(|bundle| bundle.has_message(key))
    }
}

fn resource(source: &Source) -> Result<FluentResource, UiError> {
    FluentResource::try_new(source.text.to_owned()).map_err(|(_, errors)| UiError::Translation {
        file: source.file,
        message: errors
            .iter()
            .map(|error| format!("line {}: {error}", line_of(source.text, error.pos.start)))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// One bundle from the files of one language (a key defined twice is an error naming the file).
fn bundle(sources: &[&Source]) -> Result<Bundle, UiError> {
    let Some(first) = sources.first() else {
        return Err(UiError::Translation {
            file: "locales",
            message: "no file for a language".to_owned(),
        });
    };
    let locale: LanguageIdentifier =
        first
            .language
            .code()
            .parse()
            .map_err(|error| UiError::Translation {
                file: first.file,
                message: format!("language tag: {error}"),
            })?;
    let mut bundle = Bundle::new_concurrent(vec![locale]);
    // Unicode isolation marks (U+2068/U+2069) around arguments would end up in emails and
    // HTML attributes; our languages are all left-to-right.
    bundle.set_use_isolating(false);
    for source in sources {
        bundle
            .add_resource(resource(source)?)
            .map_err(|errors| UiError::Translation {
                file: source.file,
                message: errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            })?;
    }
    Ok(bundle)
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// The ids of the messages (and `-terms`) a Fluent source defines, checked against the parser:
/// every id found must be a message of the parsed bundle. (Fluent definitions start at column 0
/// with an identifier and `=`; `fluent-syntax`, whose AST would list them, is not a direct
/// dependency.)
#[cfg(test)]
pub(crate) fn message_ids(source: &Source) -> Result<BTreeSet<String>, UiError> {
    let parsed = bundle(&[source])?;
    let mut ids = BTreeSet::new();
    for line in source.text.lines() {
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim_end();
        let (is_term, id) = match name.strip_prefix('-') {
            Some(term) => (true, term),
            None => (false, name),
        };
        let is_identifier = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !is_identifier {
            continue;
        }
        if is_term {
            ids.insert(format!("-{id}"));
        } else if parsed.has_message(id) {
            ids.insert(id.to_owned());
        } else {
            return Err(UiError::Translation {
                file: source.file,
                message: format!("{id} looks like a message but the parser did not see it"),
            });
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_present_in_one_language_is_present_in_all_four() {
        // Per language, the keys of all its files (a key may move from file to file).
        let ids: Vec<(&str, BTreeSet<String>)> = Language::ALL
            .iter()
            .map(|&language| {
                let mut keys = BTreeSet::new();
                for source in SOURCES.iter().filter(|s| s.language == language) {
                    keys.extend(message_ids(source).unwrap());
                }
                (language.code(), keys)
            })
            .collect();
        let all: BTreeSet<&String> = ids.iter().flat_map(|(_, keys)| keys).collect();
        let mut missing = Vec::new();
        for (file, keys) in &ids {
            for key in &all {
                if !keys.contains(*key) {
                    missing.push(format!("{file}: {key}"));
                }
            }
        }
        assert!(missing.is_empty(), "missing translations: {missing:#?}");
        assert!(all.len() > 20, "the files should not be empty");
    }

    #[test]
    fn the_embedded_files_parse() {
        Translator::new().unwrap();
    }

    #[test]
    fn a_message_is_translated_with_its_arguments_and_no_isolation_marks() {
        let translator = Translator::new().unwrap();
        let text = translator.t(
            Language::Fr,
            "admin-dashboard-welcome",
            &[("name", "Coop Énergie".into())],
        );
        assert_eq!(text, "Bienvenue dans la gestion de Coop Énergie.");
        assert!(!text.contains('\u{2068}'));
        assert_eq!(
            translator.t(Language::De, "error-status", &[("status", 404.into())]),
            "Fehler 404"
        );
    }

    #[test]
    fn a_missing_key_falls_back_to_the_key_itself() {
        let translator = Translator::new().unwrap();
        assert_eq!(
            translator.t(Language::Nl, "no-such-key", &[]),
            "no-such-key"
        );
    }

    #[test]
    fn a_message_missing_in_one_language_falls_back_to_english() {
        let mut translator = Translator::new().unwrap();
        let mut dutch = Bundle::new_concurrent(vec!["nl".parse().unwrap()]);
        dutch.set_use_isolating(false);
        translator.bundles.insert(Language::Nl, dutch);
        assert_eq!(translator.t(Language::Nl, "nav-login", &[]), "Log in");
    }

    #[test]
    fn a_broken_file_is_reported_with_its_name_and_line() {
        let error = bundle(&[&Source {
            language: Language::En,
            file: "locales/en/broken.ftl",
            text: "good = Good\nbad = { $\n",
        }])
        .err()
        .unwrap()
        .to_string();
        assert!(error.contains("locales/en/broken.ftl"), "{error}");
        assert!(error.contains("line 2"), "{error}");
    }
}
