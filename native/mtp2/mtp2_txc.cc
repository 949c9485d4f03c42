// TXC: transmission control, Fig. 13/Q.703, with the transmit half of basic error correction
// (§5): FSN assignment, retransmission buffer (RTB) of up to 127 MSUs, positive acknowledgement,
// retransmission after a negative acknowledgement, T7, and §11.2 transmission priorities:
//   1. SIB when due (local congestion, every T5)  2. the continuous LSSU during alignment/outage
//   3. MSUs being retransmitted  4. new MSUs  5. FISU (fill-in when idle).
// Also the L3 commands served from these buffers: transmit, BSNT retrieval and message retrieval
// for changeover (Q.704 §5.4, "retrieval request and FSNC").
#include <cstring>

#include "mtp2/mtp2.h"

namespace tandem::mtp2 {

namespace {
constexpr int kT5 = static_cast<int>(TimerId::T5);
constexpr int kT6 = static_cast<int>(TimerId::T6);
constexpr int kT7 = static_cast<int>(TimerId::T7);
enum : uint32_t { kCmdRetrieval = 2 };
}  // namespace

// TXC "start" (§5.2: FSN and BSN start at 127, FIB and BIB at 1). Start clears no buffer by
// itself (docs/mtp2.md; src/ss7/mtp2/link.ts contract 5): MSUs still unacknowledged from a previous
// in-service period go back, in order, to the front of the transmission buffer, to be sent with new
// FSNs, unless level 3 retrieved or cleared them first.
void Mtp2::txcStart() {
  size_t k = rtbCount();
  uint8_t f = fsnLastAssigned_;
  for (size_t i = 0; i < k; ++i, f = seqAdd(f, -1)) {
    if (txqCount_ == kTxQueueSize) {
      ctr_.txQueueDrops += k - i;
      break;
    }
    txqHead_ = (txqHead_ + kTxQueueSize - 1) % kTxQueueSize;
    txq_[txqHead_] = rtb_[f];
    ++txqCount_;
  }
  fsnLastAssigned_ = 127;
  fsnLastAcked_ = 127;
  txFib_ = 1;
  retransmitting_ = false;
  remoteCongestion_ = false;
  sibDue_ = false;
  localCongestion_ = false;
}

void Mtp2::txcSendLssu(LssuType t) {
  txMode_ = TxMode::Lssu;
  txLssu_ = t;
}
void Mtp2::txcSendFisu() { txMode_ = TxMode::FisuOnly; }
void Mtp2::txcSendMsu() { txMode_ = TxMode::Msu; }

size_t Mtp2::buildMsu(uint8_t* buf, size_t cap, uint8_t fsn) {
  const Slot& s = rtb_[fsn];
  if (cap < kHeaderOctets + s.len) return 0;
  writeHeader(buf, bsnOut(), bibOut(), fsn, txFib_, s.len);
  std::memcpy(buf + kHeaderOctets, s.data, s.len);
  if (!timers_.running(TimerId::T7)) timers_.start(TimerId::T7, nowUs_, cfg_.timersUs[kT7]);
  return kHeaderOctets + s.len;
}

// DAEDT asks for the next signal unit. Never returns 0 once powered: the link is always filled
// with the current LSSU or with FISUs (§11.2, §5.2.1).
size_t Mtp2::nextFrame(uint8_t* buf, size_t cap) {
  if (cap < kHeaderOctets + 1) return 0;
  if (sibDue_ && txMode_ != TxMode::Lssu) {
    sibDue_ = false;
    ++ctr_.lssuTx;
    writeHeader(buf, bsnOut(), bibOut(), fsnLastAssigned_, txFib_, 1);
    buf[3] = static_cast<uint8_t>(LssuType::SIB);
    return 4;
  }
  if (txMode_ == TxMode::Lssu) {
    ++ctr_.lssuTx;
    writeHeader(buf, bsnOut(), bibOut(), fsnLastAssigned_, txFib_, 1);
    buf[3] = static_cast<uint8_t>(txLssu_);
    return 4;
  }
  if (txMode_ == TxMode::Msu) {
    if (retransmitting_) {
      const uint8_t fsn = retxNext_;
      const size_t n = buildMsu(buf, cap, fsn);
      if (n) {
        ++ctr_.retransmissions;
        retxNext_ = seqAdd(retxNext_, 1);
        if (retxNext_ == seqAdd(fsnLastAssigned_, 1)) retransmitting_ = false;
        return n;
      }
    } else if (txqCount_ > 0 && rtbCount() < kRtbSize - 1) {
      const uint8_t fsn = seqAdd(fsnLastAssigned_, 1);
      Slot& src = txq_[txqHead_];
      if (cap >= kHeaderOctets + src.len) {
        rtb_[fsn].len = src.len;
        std::memcpy(rtb_[fsn].data, src.data, src.len);
        txqHead_ = (txqHead_ + 1) % kTxQueueSize;
        --txqCount_;
        fsnLastAssigned_ = fsn;
        ++ctr_.msuTx;
        ctr_.msuOctetsTx += rtb_[fsn].len;
        return buildMsu(buf, cap, fsn);
      }
    }
  }
  ++ctr_.fisuTx;
  return writeHeader(buf, bsnOut(), bibOut(), fsnLastAssigned_, txFib_, 0);
}

// Positive acknowledgement (§5.2.2): BSN acknowledges every MSU up to and including it.
// T7 restarts while unacknowledged MSUs remain and stops when none do (§5.3.1).
void Mtp2::txcAck(uint8_t bsn) {
  if (bsn == fsnLastAcked_) return;
  const uint8_t advanced = seqDiff(bsn, fsnLastAcked_);
  if (retransmitting_ && seqDiff(retxNext_, fsnLastAcked_) <= advanced) {
    retxNext_ = seqAdd(bsn, 1);
    if (retxNext_ == seqAdd(fsnLastAssigned_, 1)) retransmitting_ = false;
  }
  fsnLastAcked_ = bsn;
  if (rtbCount() == 0) {
    timers_.stop(TimerId::T7);
  } else {
    timers_.start(TimerId::T7, nowUs_, cfg_.timersUs[kT7]);
  }
  if (remoteCongestion_) {
    remoteCongestion_ = false;
    timers_.stop(TimerId::T6);
    emit(EventKind::RemoteCongestionCeased);
  }
}

// Negative acknowledgement (§5.3.2): the received BIB differs from our FIB. Invert the FIB and
// send again, in order, every MSU after the BSN, before any new MSU.
void Mtp2::txcNack(uint8_t bsn) {
  ++ctr_.nacksRx;
  txFib_ ^= 1;
  if (rtbCount() > 0) {
    retransmitting_ = true;
    retxNext_ = seqAdd(bsn, 1);
    emit(EventKind::Retransmission, retxNext_);
  }
}

void Mtp2::txcTimers() {
  if (timers_.expired(TimerId::T7, nowUs_)) {
    linkFailure(Cause::T7Expired);
    return;
  }
  if (remoteCongestion_) {
    if (timers_.expired(TimerId::T6, nowUs_)) {
      linkFailure(Cause::T6Expired);
      return;
    }
    // No SIB for two T5 intervals and nothing left to acknowledge: the peer's congestion is over
    // (§9.4; with MSUs outstanding the next positive acknowledgement ends it instead).
    if (rtbCount() == 0 && nowUs_ - lastSibRxUs_ > 2 * cfg_.timersUs[kT5]) {
      remoteCongestion_ = false;
      timers_.stop(TimerId::T6);
      emit(EventKind::RemoteCongestionCeased);
    }
  }
  if (localCongestion_ && timers_.expired(TimerId::T5, nowUs_)) {
    sibDue_ = true;
    timers_.start(TimerId::T5, nowUs_, cfg_.timersUs[kT5]);
  }
}

// §9.3: while level 3 (or the receive buffer) is congested, send SIB every T5 and withhold
// acknowledgements: the BSN/BIB sent stay as they were when congestion began (MSUs received
// meanwhile are still accepted and delivered; they are acknowledged when congestion ends).
void Mtp2::localCongestion(bool on) {
  if (on && !localCongestion_) {
    heldBsn_ = fsnLastAccepted_;
    heldBib_ = rxBib_;
  }
  localCongestion_ = on;
  if (on) {
    sibDue_ = true;
    timers_.start(TimerId::T5, nowUs_, cfg_.timersUs[kT5]);
  } else {
    sibDue_ = false;
    timers_.stop(TimerId::T5);
  }
}

// L3 "transmit" (link.ts contract 4): sent while in service (held during processor outage). After
// the link left service, and until L3 clears the buffers, retrieves or starts again, MSUs are kept
// in the transmission buffer for retrieval (L3 learns of the failure only when the indication
// arrives). In any other state (never started, aligning) they are discarded and counted.
bool Mtp2::transmit(const uint8_t* msu, size_t n) {
  if (n < 3 || n > kMaxMsu) return false;  // §2.3.8: SIF of 2..272 octets, so LI >= 3
  if (lsc_ != LscState::InService && lsc_ != LscState::ProcessorOutage && !keepForRetrieval_) {
    ++ctr_.txDiscarded;
    return false;
  }
  if (txqCount_ == kTxQueueSize) {
    ++ctr_.txQueueDrops;
    emit(EventKind::TxQueueFull, static_cast<uint32_t>(txqCount_));
    return false;
  }
  Slot& s = txq_[(txqHead_ + txqCount_) % kTxQueueSize];
  s.len = static_cast<uint16_t>(n);
  std::memcpy(s.data, msu, n);
  ++txqCount_;
  return true;
}

// Q.704 §5.4.1 / Q.703 Fig. 3 "retrieve BSNT": the FSN of the last MSU accepted from the peer.
void Mtp2::retrieveBsnt() {
  if (lsc_ == LscState::InService || lsc_ == LscState::ProcessorOutage) {
    emit(EventKind::BsntNotRetrievable);
    return;
  }
  emit(EventKind::Bsnt, fsnLastAccepted_);
}

// "retrieval request and FSNC": hand L3, in order, every MSU the peer has not acknowledged
// (FSN after FSNC) and then every MSU never sent, then "retrieval complete". FSNC must lie
// within the RTB (last acknowledged .. last assigned), otherwise "retrieval not possible".
void Mtp2::retrievalRequestAndFsnc(uint8_t fsnc) {
  fsnc &= kSeqMask;
  if (lsc_ == LscState::InService || lsc_ == LscState::ProcessorOutage) {
    notPermitted(kCmdRetrieval);
    emit(EventKind::RetrievalNotPossible);
    return;
  }
  if (seqDiff(fsnc, fsnLastAcked_) > rtbCount()) {
    clearBuffers();
    keepForRetrieval_ = false;
    emit(EventKind::RetrievalNotPossible, fsnc);
    return;
  }
  keepForRetrieval_ = false;
  for (uint8_t f = seqAdd(fsnc, 1); f != seqAdd(fsnLastAssigned_, 1); f = seqAdd(f, 1)) {
    emit(EventKind::RetrievedMessage, f, Cause::None, rtb_[f].data, rtb_[f].len);
  }
  fsnLastAcked_ = fsnLastAssigned_;
  while (txqCount_ > 0) {
    const Slot& s = txq_[txqHead_];
    emit(EventKind::RetrievedMessage, 0, Cause::None, s.data, s.len);
    txqHead_ = (txqHead_ + 1) % kTxQueueSize;
    --txqCount_;
  }
  emit(EventKind::RetrievalComplete);
}

void Mtp2::clearBuffers() {
  keepForRetrieval_ = false;
  fsnLastAcked_ = fsnLastAssigned_;
  retransmitting_ = false;
  txqHead_ = 0;
  txqCount_ = 0;
}

}  // namespace tandem::mtp2
