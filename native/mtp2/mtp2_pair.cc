#include "mtp2/mtp2_pair.h"

#include <cstdio>
#include <cstring>

namespace tandem::mtp2 {

struct Mtp2Pair::End : Mtp2Listener, e1::HdlcFrameSource, e1::HdlcFrameSink {
  Mtp2Pair* pair = nullptr;
  int side = 0;
  std::unique_ptr<Mtp2> mtp2;
  LineImpairment imp;
  bool cutSeen = false;  // the receiver of this direction has been told about the cut
  // modelled line, transmit side
  uint8_t cur[kMaxSu + 8];
  size_t curLen = 0, remaining = 0;
  uint64_t suCount = 0, bitCount = 0;
  // hdlc line: encoder on this end's transmit side, decoder on its receive side
  std::unique_ptr<e1::HdlcEncoder> enc;
  std::unique_ptr<e1::HdlcDecoder> dec;
  std::vector<std::vector<uint8_t>> received, retrieved;
  bool keep = true;

  char name() const { return side == 0 ? 'a' : 'b'; }

  void onMtp2Event(const Mtp2Event& e) override {
    char buf[256];
    buf[0] = 0;
    switch (e.kind) {
      case EventKind::LscStateChanged:
        std::snprintf(buf, sizeof buf, "lsc %s -> %s%s%s%s", lscStateName(static_cast<LscState>(e.a)),
                      lscStateName(static_cast<LscState>(e.b)), e.cause != Cause::None ? " (" : "",
                      e.cause != Cause::None ? causeName(e.cause) : "", e.cause != Cause::None ? ")" : "");
        break;
      case EventKind::IacStateChanged:
        std::snprintf(buf, sizeof buf, "iac %s -> %s", iacStateName(static_cast<IacState>(e.a)),
                      iacStateName(static_cast<IacState>(e.b)));
        break;
      case EventKind::OutOfService:
        std::snprintf(buf, sizeof buf, "L3 <- out-of-service (%s)", causeName(e.cause));
        break;
      case EventKind::Received: {
        if (keep) received.emplace_back(e.data, e.data + e.len);
        if (!pair->opt_.logReceived) return;
        int n = std::snprintf(buf, sizeof buf, "L3 <- received fsn=%u len=%zu data=", e.value, e.len);
        for (size_t i = 0; i < e.len && i < 8 && n < 200; ++i) n += std::snprintf(buf + n, sizeof buf - n, "%02x", e.data[i]);
        break;
      }
      case EventKind::RetrievedMessage: {
        retrieved.emplace_back(e.data, e.data + e.len);
        int n = std::snprintf(buf, sizeof buf, "L3 <- retrieved-message len=%zu data=", e.len);
        for (size_t i = 0; i < e.len && i < 8 && n < 200; ++i) n += std::snprintf(buf + n, sizeof buf - n, "%02x", e.data[i]);
        break;
      }
      case EventKind::Bsnt:
        std::snprintf(buf, sizeof buf, "L3 <- bsnt %u", e.value);
        break;
      case EventKind::ProvingStarted:
        std::snprintf(buf, sizeof buf, "proving started (%s)", e.value ? "emergency, Pe" : "normal, Pn");
        break;
      case EventKind::ProvingAborted:
        std::snprintf(buf, sizeof buf, "proving aborted by AERM (attempt %u)", e.value);
        break;
      case EventKind::NackSent:
        std::snprintf(buf, sizeof buf, "nack sent (bsn=%u)", e.value);
        break;
      case EventKind::Retransmission:
        std::snprintf(buf, sizeof buf, "nack received: retransmission from fsn=%u", e.value);
        break;
      case EventKind::EventNotPermitted:
        std::snprintf(buf, sizeof buf, "event L3 %s not permitted in state %s", commandName(e.value),
                      lscStateName(static_cast<LscState>(e.a)));
        break;
      case EventKind::RetrievalNotPossible:
      case EventKind::RetrievalComplete:
      case EventKind::InService:
      case EventKind::RemoteProcessorOutage:
      case EventKind::RemoteProcessorRecovered:
      case EventKind::RemoteCongestion:
      case EventKind::RemoteCongestionCeased:
      case EventKind::BsntNotRetrievable:
        std::snprintf(buf, sizeof buf, "L3 <- %s", eventKindName(e.kind));
        break;
      case EventKind::TxQueueFull:
        std::snprintf(buf, sizeof buf, "%s", eventKindName(e.kind));
        break;
    }
    pair->note(std::string(1, name()) + " " + buf);
  }

  // DAEDT source (both line models): the SU from MTP2, with the "freeze BSN" impairment.
  size_t nextFrame(uint8_t* buf, size_t cap) override {
    size_t n = mtp2->nextFrame(buf, cap);
    if (n >= kHeaderOctets && imp.freezeBsn) buf[0] = static_cast<uint8_t>(imp.frozenBsn | (imp.frozenBib << 7));
    if (n >= kHeaderOctets && imp.bsnAdd) buf[0] = static_cast<uint8_t>((buf[0] & 0x80) | seqAdd(buf[0] & kSeqMask, imp.bsnAdd));
    if (n >= kHeaderOctets && imp.fibFlip) buf[1] ^= 0x80;
    if (n >= kHeaderOctets && imp.badLiNext > 0) {
      --imp.badLiNext;
      buf[2] = static_cast<uint8_t>((buf[2] & 0xc0) | ((buf[2] + 1) & 0x3f));
    }
    return n;
  }
  void onFrame(const uint8_t* p, size_t nWithFcs) override { mtp2->onFrame(p, nWithFcs); }
  void onError(e1::HdlcError e) override { mtp2->onError(static_cast<RxError>(static_cast<int>(e))); }
};

Mtp2Pair::Mtp2Pair(const Options& o) : opt_(o) {
  for (int i = 0; i < 2; ++i) {
    ends_[i] = std::make_unique<End>();
    ends_[i]->pair = this;
    ends_[i]->side = i;
    ends_[i]->mtp2 = std::make_unique<Mtp2>(ends_[i].get(), o.cfg[i]);
  }
  if (o.hdlc) {
    for (int i = 0; i < 2; ++i) {
      ends_[i]->enc = std::make_unique<e1::HdlcEncoder>(ends_[i].get());
      ends_[i]->dec = std::make_unique<e1::HdlcDecoder>(ends_[i].get(), kMaxSu + kFcsOctets);
    }
  }
}

Mtp2Pair::~Mtp2Pair() = default;

Mtp2& Mtp2Pair::link(int side) { return *ends_[side]->mtp2; }
LineImpairment& Mtp2Pair::line(int from) { return ends_[from]->imp; }

void Mtp2Pair::note(const std::string& s) {
  char t[32];
  std::snprintf(t, sizeof t, "%8.3f ", static_cast<double>(nowUs_) / 1e6);
  transcript_.push_back(t + s);
}

std::vector<std::string> Mtp2Pair::takeTranscript() {
  std::vector<std::string> out;
  out.swap(transcript_);
  return out;
}

std::vector<std::vector<uint8_t>> Mtp2Pair::takeReceived(int side) {
  std::vector<std::vector<uint8_t>> out;
  out.swap(ends_[side]->received);
  return out;
}

std::vector<std::vector<uint8_t>> Mtp2Pair::takeRetrieved(int side) {
  std::vector<std::vector<uint8_t>> out;
  out.swap(ends_[side]->retrieved);
  return out;
}

void Mtp2Pair::setFreezeBsn(int from, bool on) {
  LineImpairment& imp = ends_[from]->imp;
  imp.freezeBsn = on;
  if (on) {
    // What the sender would put in its next SU right now.
    uint8_t tmp[kMaxSu];
    auto probe = std::make_unique<Mtp2>(link(from));  // a copy: reading must not disturb the real link
    probe->nextFrame(tmp, sizeof tmp);
    imp.frozenBsn = tmp[0] & kSeqMask;
    imp.frozenBib = tmp[0] >> 7;
  }
}

void Mtp2Pair::deliver(int to, const uint8_t* p, size_t n) {
  End& from = *ends_[1 - to];
  End& dst = *ends_[to];
  LineImpairment& imp = from.imp;
  const bool isMsu = n > kHeaderOctets + 2;
  ++from.suCount;
  const bool counted = !imp.msuOnly || isMsu;
  if (counted && imp.dropNext > 0) {
    --imp.dropNext;
    note(std::string(1, from.name()) + "->" + dst.name() + " line: SU dropped");
    return;
  }
  bool errored = imp.corruptEvery != 0 && from.suCount % imp.corruptEvery == 0;
  if (counted && imp.corruptNext > 0) {
    --imp.corruptNext;
    errored = true;
    note(std::string(1, from.name()) + "->" + dst.name() + " line: SU corrupted (bad FCS)");
  }
  if (errored) {
    dst.mtp2->onError(RxError::FcsError);
    return;
  }
  uint8_t buf[kMaxSu + kFcsOctets];
  std::memcpy(buf, p, n);
  const uint16_t fcs = e1::Fcs16::compute(buf, n);
  buf[n] = static_cast<uint8_t>(fcs & 0xff);
  buf[n + 1] = static_cast<uint8_t>(fcs >> 8);
  dst.mtp2->onFrame(buf, n + kFcsOctets);
}

void Mtp2Pair::stepLineModelled(int from) {
  End& src = *ends_[from];
  End& dst = *ends_[1 - from];
  size_t budget = 8;  // 64 kbit/s: 8 octets per ms
  while (budget > 0) {
    if (src.remaining == 0) {
      src.curLen = src.nextFrame(src.cur, sizeof src.cur);
      src.remaining = src.curLen + kFcsOctets + 1;  // CK + one flag between SUs
    }
    const size_t take = budget < src.remaining ? budget : src.remaining;
    budget -= take;
    src.remaining -= take;
    if (src.remaining == 0 && !src.imp.cut) deliver(1 - from, src.cur, src.curLen);
  }
  if (src.imp.cut && !src.cutSeen) {
    src.cutSeen = true;
    dst.mtp2->onError(RxError::Abort);  // all ones: more than six consecutive 1s
  }
  if (!src.imp.cut) src.cutSeen = false;
  dst.mtp2->rxOctets(8);
}

void Mtp2Pair::stepLineHdlc(int from) {
  End& src = *ends_[from];
  End& dst = *ends_[1 - from];
  for (int i = 0; i < 8; ++i) {
    uint8_t o = src.enc->nextOctet();
    if (src.imp.cut) o = 0xff;
    if (src.imp.bitErrorEvery) {
      for (int b = 0; b < 8; ++b) {
        if (++src.bitCount % src.imp.bitErrorEvery == 0) o ^= static_cast<uint8_t>(1u << b);
      }
    }
    dst.dec->pushOctet(o);
  }
  dst.mtp2->rxOctets(8);
}

void Mtp2Pair::advanceMs(uint64_t ms) {
  for (uint64_t i = 0; i < ms; ++i) {
    nowUs_ += 1000;
    ends_[0]->mtp2->tick(nowUs_);
    ends_[1]->mtp2->tick(nowUs_);
    for (int from = 0; from < 2; ++from) {
      if (opt_.hdlc) {
        stepLineHdlc(from);
      } else {
        stepLineModelled(from);
      }
    }
  }
}

uint64_t Mtp2Pair::runUnpaced(uint64_t n, size_t msuLen, bool hdlc) {
  End& a = *ends_[0];
  End& b = *ends_[1];
  a.keep = b.keep = false;
  std::vector<uint8_t> msu(msuLen, 0x5a);
  msu[0] = 0x85;  // SIO: national, ISUP
  const uint64_t rx0 = b.mtp2->counters().msuRx;
  uint64_t sent = 0, sus = 0;
  uint8_t buf[kMaxSu + kFcsOctets];
  while (b.mtp2->counters().msuRx - rx0 < n) {
    while (sent < n && a.mtp2->txQueueCount() < Mtp2::kTxQueueSize / 2) {
      if (!a.mtp2->transmit(msu.data(), msu.size())) break;
      ++sent;
    }
    if (hdlc && a.enc && b.enc) {
      for (int i = 0; i < 64; ++i) {
        b.dec->pushOctet(a.enc->nextOctet());
        a.dec->pushOctet(b.enc->nextOctet());
      }
      sus = a.enc->counters().frames + b.enc->counters().frames;
    } else {
      size_t len = a.mtp2->nextFrame(buf, kMaxSu);
      buf[len] = 0;
      buf[len + 1] = 0;
      b.mtp2->onFrame(buf, len + kFcsOctets);
      len = b.mtp2->nextFrame(buf, kMaxSu);
      buf[len] = 0;
      buf[len + 1] = 0;
      a.mtp2->onFrame(buf, len + kFcsOctets);
      sus += 2;
    }
    if (a.mtp2->lscState() != LscState::InService) break;
  }
  a.keep = b.keep = true;
  return sus;
}

}  // namespace tandem::mtp2
