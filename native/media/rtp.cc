// RTP header and per-source state; see rtp.h.
#include "media/rtp.h"

#include <cstring>

#include "common/bytes.h"

namespace tandem::media {

namespace {
using bytes::rd16;
using bytes::rd32;
using bytes::wr16;
using bytes::wr32;
constexpr uint32_t kSeqMod = 1u << 16;
}  // namespace

const char* rtpErrorName(RtpError e) {
  switch (e) {
    case RtpError::None: return "none";
    case RtpError::TooShort: return "short";
    case RtpError::BadVersion: return "version";
    case RtpError::CsrcOverrun: return "csrc";
    case RtpError::ExtensionOverrun: return "extension";
    case RtpError::BadPadding: return "padding";
  }
  return "?";
}

RtpError parseRtp(const uint8_t* p, size_t n, RtpHeader* h) {
  if (n < 12) return RtpError::TooShort;
  h->version = p[0] >> 6;
  if (h->version != 2) return RtpError::BadVersion;
  h->padding = (p[0] & 0x20) != 0;
  h->extension = (p[0] & 0x10) != 0;
  h->csrcCount = p[0] & 0x0F;
  h->marker = (p[1] & 0x80) != 0;
  h->payloadType = p[1] & 0x7F;
  h->seq = rd16(p + 2);
  h->timestamp = rd32(p + 4);
  h->ssrc = rd32(p + 8);
  size_t off = 12 + 4u * h->csrcCount;
  if (off > n) return RtpError::CsrcOverrun;
  for (int i = 0; i < h->csrcCount; ++i) h->csrc[i] = rd32(p + 12 + 4 * i);
  h->extProfile = 0;
  h->extWords = 0;
  h->extOffset = 0;
  if (h->extension) {
    if (off + 4 > n) return RtpError::ExtensionOverrun;
    h->extProfile = rd16(p + off);
    h->extWords = rd16(p + off + 2);
    h->extOffset = off + 4;
    off += 4 + 4u * h->extWords;
    if (off > n) return RtpError::ExtensionOverrun;
  }
  size_t end = n;
  h->paddingLength = 0;
  if (h->padding) {
    // §5.1: the last octet counts the padding octets, itself included.
    const uint8_t pad = p[n - 1];
    if (pad == 0 || pad > n - off) return RtpError::BadPadding;
    h->paddingLength = pad;
    end = n - pad;
  }
  h->payloadOffset = off;
  h->payloadLength = end - off;
  return RtpError::None;
}

size_t buildRtp(const RtpHeader& h, const uint8_t* ext, const uint8_t* payload, size_t n, uint8_t* out, size_t cap) {
  const size_t cc = h.csrcCount & 0x0F;
  const size_t extLen = h.extension ? 4 + 4u * h.extWords : 0;
  const size_t pad = h.padding ? h.paddingLength : 0;
  const size_t total = 12 + 4 * cc + extLen + n + pad;
  if (total > cap || (h.padding && pad == 0)) return 0;
  out[0] = static_cast<uint8_t>(0x80 | (h.padding ? 0x20 : 0) | (h.extension ? 0x10 : 0) | cc);
  out[1] = static_cast<uint8_t>((h.marker ? 0x80 : 0) | (h.payloadType & 0x7F));
  wr16(out + 2, h.seq);
  wr32(out + 4, h.timestamp);
  wr32(out + 8, h.ssrc);
  size_t off = 12;
  for (size_t i = 0; i < cc; ++i, off += 4) wr32(out + off, h.csrc[i]);
  if (h.extension) {
    wr16(out + off, h.extProfile);
    wr16(out + off + 2, h.extWords);
    if (h.extWords) std::memcpy(out + off + 4, ext, 4u * h.extWords);
    off += extLen;
  }
  if (n) std::memcpy(out + off, payload, n);
  off += n;
  if (pad) {
    std::memset(out + off, 0, pad - 1);
    out[off + pad - 1] = static_cast<uint8_t>(pad);
    off += pad;
  }
  return off;
}

void RtpSource::initSeq(uint16_t seq) {
  baseSeq_ = seq;
  maxSeq_ = seq;
  badSeq_ = kSeqMod + 1;  // so seq == badSeq_ is false
  cycles_ = 0;
  st_.received = 0;
  receivedPrior_ = 0;
  expectedPrior_ = 0;
}

void RtpSource::start(uint32_t ssrc, uint16_t seq, bool probation) {
  st_ = RtpSourceStats{};
  st_.ssrc = ssrc;
  initSeq(seq);
  haveTransit_ = false;
  jitter16_ = 0;
  maxSeq_ = static_cast<uint16_t>(seq - 1);  // the first packet is then "in sequence"
  probation_ = probation ? kMinSequential : 0;
}

RtpSeqResult RtpSource::update(uint16_t seq) {
  const uint16_t udelta = static_cast<uint16_t>(seq - maxSeq_);
  if (probation_ > 0) {
    // §A.1: the source is valid after MIN_SEQUENTIAL packets in sequence.
    if (seq == static_cast<uint16_t>(maxSeq_ + 1)) {
      --probation_;
      maxSeq_ = seq;
      if (probation_ == 0) {
        initSeq(seq);
        ++st_.received;
        st_.extendedMax = cycles_ + maxSeq_;
        return RtpSeqResult::Valid;
      }
    } else {
      probation_ = kMinSequential - 1;
      maxSeq_ = seq;
    }
    ++st_.probationDropped;
    return RtpSeqResult::Probation;
  }
  RtpSeqResult r = RtpSeqResult::Valid;
  if (udelta < kMaxDropout) {
    if (seq < maxSeq_) cycles_ += kSeqMod;  // wrapped
    maxSeq_ = seq;
  } else if (udelta <= kSeqMod - kMaxMisorder) {
    // A very large jump: accept only when the next packet confirms it (the source restarted).
    if (seq == badSeq_) {
      initSeq(seq);
      ++st_.restarts;
      r = RtpSeqResult::Restarted;
    } else {
      badSeq_ = (static_cast<uint32_t>(seq) + 1) & (kSeqMod - 1);
      ++st_.badSeq;
      return RtpSeqResult::BadSeq;
    }
  }
  // else: a duplicate or a reordered packet: counted, max_seq unchanged
  ++st_.received;
  st_.extendedMax = cycles_ + maxSeq_;
  return r;
}

void RtpSource::updateJitter(uint32_t ts, uint32_t arrival) {
  // §A.8: D(i-1,i) = (R_i - R_{i-1}) - (S_i - S_{i-1}); J += (|D| - J) / 16
  const int64_t transit = static_cast<int32_t>(arrival - ts);
  if (haveTransit_) {
    int64_t d = transit - transit_;
    if (d < 0) d = -d;
    // integer form: J16 += |D| - (J16 + 8) / 16
    jitter16_ = jitter16_ + static_cast<uint64_t>(d) - ((jitter16_ + 8) >> 4);
  }
  transit_ = transit;
  haveTransit_ = true;
  st_.jitter = static_cast<uint32_t>(jitter16_ >> 4);
}

uint32_t RtpSource::expected() const { return cycles_ + maxSeq_ - baseSeq_ + 1; }

RtpSourceStats RtpSource::stats() const {
  RtpSourceStats s = st_;
  s.cumulativeLost = probation_ > 0 ? 0 : static_cast<int64_t>(expected()) - static_cast<int64_t>(st_.received);
  return s;
}

int32_t RtpSource::cumulativeLost24() const {
  const int64_t lost = static_cast<int64_t>(expected()) - static_cast<int64_t>(st_.received);
  if (lost > 0x7FFFFF) return 0x7FFFFF;
  if (lost < -0x800000) return -0x800000;
  return static_cast<int32_t>(lost);
}

uint8_t RtpSource::takeFractionLost() {
  const uint32_t exp = expected();
  const uint32_t expectedInterval = exp - expectedPrior_;
  expectedPrior_ = exp;
  const uint64_t receivedInterval = st_.received - receivedPrior_;
  receivedPrior_ = st_.received;
  const int64_t lostInterval = static_cast<int64_t>(expectedInterval) - static_cast<int64_t>(receivedInterval);
  if (expectedInterval == 0 || lostInterval <= 0) return 0;
  return static_cast<uint8_t>((lostInterval << 8) / expectedInterval);
}

}  // namespace tandem::media
