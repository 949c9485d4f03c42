// The codec interface of the media core. A codec turns 8 kHz (or its own rate) linear PCM frames into
// an RTP payload and back. G.711 is special on this gateway: the TDM side is itself G.711, so the
// channel moves G.711 octets without going through linear at all (g711::convert), and only uses the
// linear face for loss concealment and DTMF detection. Further codecs (G.722, Opus, G.729) implement
// AudioCodec and are created by name through makeCodec() in codec.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "media/g711.h"

namespace tandem::media {

struct CodecInfo {
  const char* encodingName;   // as in SDP a=rtpmap (RFC 3551 §6): "PCMA", "PCMU"
  uint8_t staticPayloadType;  // RFC 3551 Table 4, or 255 for dynamic
  uint32_t clockRate;         // RTP timestamp rate
  uint32_t sampleRate;        // PCM rate of encode/decode
  uint32_t frameSamples;      // smallest frame the codec accepts (1 for sample-based codecs)
  bool sampleBased;           // RFC 3551 §4.5: any number of samples per packet
};

class AudioCodec {
 public:
  virtual ~AudioCodec() = default;
  virtual const CodecInfo& info() const = 0;
  // Encodes n samples; returns the payload octets written (0 if cap is too small). No allocation.
  virtual size_t encode(const int16_t* pcm, size_t n, uint8_t* out, size_t cap) = 0;
  // Decodes a payload; returns the samples written. No allocation.
  virtual size_t decode(const uint8_t* payload, size_t n, int16_t* pcm, size_t cap) = 0;
  // The G.711 law when the codec is G.711 (lets the channel convert octets directly), else nullptr.
  virtual const g711::Law* g711Law() const { return nullptr; }
};

// "PCMA" / "PCMU" (case-insensitive); nullptr for unknown names.
std::unique_ptr<AudioCodec> makeCodec(const std::string& encodingName);

}  // namespace tandem::media
