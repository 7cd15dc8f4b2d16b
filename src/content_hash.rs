//! The hash that names a file by its content (images, hydration data, the service
//! worker's cache): the first 8 bytes of a SHA-256, as 16 hex digits. Long enough that
//! two contents of one site never share a name, short enough for a file name.

use sha2::{Digest, Sha256};

/// 16 hex digits of what `hasher` was fed.
pub fn short_hash(hasher: Sha256) -> String {
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_hex_digits_of_the_sha256() {
        // SHA-256("abc") = ba7816bf8f01cfea…
        assert_eq!(
            short_hash(Sha256::new_with_prefix("abc")),
            "ba7816bf8f01cfea"
        );
    }
}
