//! Postal addresses. Every part is already a checked type, so the fields are public.

use std::fmt;

use crate::country::Country;
use crate::text::{Name, PostalCode};

/// A postal address: street with number, postal code, city and country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Address {
    /// Street, number and box, on one line: `Rue de la Loi 16 bte 3`.
    pub street: Name,
    pub postal_code: PostalCode,
    pub city: Name,
    pub country: Country,
}

impl fmt::Display for Address {
    /// One line: `Rue de la Loi 16, 1000 Brussel, BE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {} {}, {}",
            self.street, self.postal_code, self.city, self.country
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_display_on_one_line() {
        let address = Address {
            street: Name::parse("Rue de la Loi  16").unwrap(),
            postal_code: PostalCode::parse("1000").unwrap(),
            city: Name::parse("Brussel").unwrap(),
            country: Country::BE,
        };
        assert_eq!(address.to_string(), "Rue de la Loi 16, 1000 Brussel, BE");
    }
}
