// G.711 behind the AudioCodec interface (RFC 3551 §4.5.14: PCMA payload type 8, PCMU 0, 8000 Hz,
// sample-based, one octet per sample).
#include "media/codec.h"

#include <algorithm>
#include <cctype>

namespace tandem::media {
namespace {

class G711Codec final : public AudioCodec {
 public:
  explicit G711Codec(g711::Law law)
      : law_(law),
        info_{law == g711::Law::Alaw ? "PCMA" : "PCMU", static_cast<uint8_t>(law == g711::Law::Alaw ? 8 : 0),
              8000, 8000, 1, true} {}
  const CodecInfo& info() const override { return info_; }
  size_t encode(const int16_t* pcm, size_t n, uint8_t* out, size_t cap) override {
    if (n > cap) return 0;
    g711::encodeBlock(law_, pcm, out, n);
    return n;
  }
  size_t decode(const uint8_t* payload, size_t n, int16_t* pcm, size_t cap) override {
    const size_t m = std::min(n, cap);
    g711::decodeBlock(law_, payload, pcm, m);
    return m;
  }
  const g711::Law* g711Law() const override { return &law_; }

 private:
  g711::Law law_;
  CodecInfo info_;
};

}  // namespace

std::unique_ptr<AudioCodec> makeCodec(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (n == "PCMA") return std::make_unique<G711Codec>(g711::Law::Alaw);
  if (n == "PCMU") return std::make_unique<G711Codec>(g711::Law::Ulaw);
  return nullptr;
}

}  // namespace tandem::media
