// SHA-256 from OpenSSL's libcrypto, linked from its static archive. The
// low-level SHA256_* functions are used on purpose, though OpenSSL 3 marks
// them deprecated: the EVP interface loads the provider machinery at the
// first digest, which cost a one-shot process about 3 ms here (more than
// `sdesk open` takes in all), and its static archive adds 4 MB to the binary.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "lib/util/sha256.hpp"

#include <cstring>

#include <openssl/sha.h>

namespace sdesk::util {

namespace {

static_assert(sizeof(SHA256_CTX) <= 128, "Sha256::m_state is too small for SHA256_CTX");

SHA256_CTX* context(std::array<std::uint8_t, 128>& state)
{
  return reinterpret_cast<SHA256_CTX*>(state.data());
}

int hex_value(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

Sha256::Sha256()
{
  SHA256_Init(context(m_state));
}

Sha256::~Sha256() = default;

Sha256& Sha256::update(std::string_view bytes)
{
  SHA256_Update(context(m_state), bytes.data(), bytes.size());
  return *this;
}

Sha256& Sha256::update(const Sha256Digest& bytes)
{
  SHA256_Update(context(m_state), bytes.data(), bytes.size());
  return *this;
}

Sha256Digest Sha256::finish()
{
  Sha256Digest digest{};
  SHA256_Final(digest.data(), context(m_state));
  SHA256_Init(context(m_state));
  return digest;
}

Sha256Digest sha256(std::string_view bytes)
{
  Sha256 hash;
  return hash.update(bytes).finish();
}

std::string to_hex(const Sha256Digest& digest)
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(digest.size() * 2);
  for (const std::uint8_t byte : digest) {
    text += k_digits[byte >> 4];
    text += k_digits[byte & 0xf];
  }
  return text;
}

std::optional<Sha256Digest> parse_sha256_hex(std::string_view text)
{
  Sha256Digest digest{};
  if (text.size() != digest.size() * 2) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < digest.size(); ++i) {
    const int high = hex_value(text[2 * i]);
    const int low = hex_value(text[2 * i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    digest[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return digest;
}

std::optional<Sha256Digest> sha256_from_bytes(std::string_view bytes)
{
  Sha256Digest digest{};
  if (bytes.size() != digest.size()) {
    return std::nullopt;
  }
  std::memcpy(digest.data(), bytes.data(), digest.size());
  return digest;
}

} // namespace sdesk::util
