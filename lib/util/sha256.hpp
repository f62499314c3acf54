#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sdesk::util {

// A SHA-256 digest (32 bytes).
using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 computed piece by piece: update() any number of times, then
// finish(). Backed by OpenSSL's libcrypto (the only file that includes it).
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Adds `bytes` to the message. Returns *this.
  Sha256& update(std::string_view bytes);
  Sha256& update(const Sha256Digest& bytes);

  // The digest of everything added; the object starts over afterwards.
  Sha256Digest finish();

private:
  alignas(8) std::array<std::uint8_t, 128> m_state{}; // OpenSSL's SHA256_CTX (112 bytes)
};

// The SHA-256 digest of `bytes`.
Sha256Digest sha256(std::string_view bytes);

// `digest` as 64 lower-case hexadecimal digits.
std::string to_hex(const Sha256Digest& digest);

// The digest written as 64 hexadecimal digits (either case), or nothing.
std::optional<Sha256Digest> parse_sha256_hex(std::string_view text);

// `bytes` as a digest when it is exactly 32 bytes long, or nothing.
std::optional<Sha256Digest> sha256_from_bytes(std::string_view bytes);

// The digest's bytes as a string (for storing as a BLOB).
inline std::string_view as_bytes(const Sha256Digest& digest)
{
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

} // namespace sdesk::util
