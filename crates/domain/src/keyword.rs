//! Closed sets of keywords (states, roles, channels) stored and exchanged as fixed snake_case
//! strings. One macro writes `as_str`, `Display`, `FromStr` and serde for each, so the stored
//! text, the API text and the parser can never disagree.

/// A text is not one of the keywords of a closed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {value:?}: expected one of {}", expected.join(", "))]
pub struct UnknownKeyword {
    /// What was being parsed, in plain words ("membership status").
    pub kind: &'static str,
    /// The text that was given.
    pub value: String,
    /// Every accepted keyword.
    pub expected: &'static [&'static str],
}

/// Declares a keyword enum: `keyword_enum! { /// doc  pub enum Name("kind in words") { A => "a", ... } }`.
macro_rules! keyword_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident($kind:literal) {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The keyword, as stored and as used in the API.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::keyword::UnknownKeyword;

            /// Accepts the keyword in any case, with surrounding whitespace.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase();
                $(
                    if wanted == $text {
                        return Ok($name::$variant);
                    }
                )+
                Err($crate::keyword::UnknownKeyword {
                    kind: $kind,
                    value: s.to_owned(),
                    expected: &[$($text),+],
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use keyword_enum;

#[cfg(test)]
mod tests {
    keyword_enum! {
        /// A test set.
        pub enum Colour("colour") {
            Red => "red",
            DarkBlue => "dark_blue",
        }
    }

    #[test]
    fn keywords_round_trip_through_their_text() {
        for colour in Colour::ALL {
            assert_eq!(colour.as_str().parse::<Colour>(), Ok(*colour));
            assert_eq!(colour.to_string(), colour.as_str());
        }
    }

    #[test]
    fn keywords_parse_in_any_case_with_surrounding_spaces() {
        assert_eq!(" Dark_Blue ".parse::<Colour>(), Ok(Colour::DarkBlue));
    }

    #[test]
    fn unknown_keywords_name_the_accepted_ones() {
        let error = "green".parse::<Colour>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown colour \"green\": expected one of red, dark_blue"
        );
    }

    #[test]
    fn keywords_deserialize_through_the_parser() {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        let parsed = Colour::deserialize(StrDeserializer::<Error>::new("dark_blue"));
        assert_eq!(parsed, Ok(Colour::DarkBlue));
        assert!(Colour::deserialize(StrDeserializer::<Error>::new("blue")).is_err());
    }
}
