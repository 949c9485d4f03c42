// RC: reception control, Fig. 12/Q.703, with DAEDR's acceptance procedure (§4) and the receive
// half of basic error correction (§5.2, §5.3): BSN range check, FIB check, FSN check, negative
// acknowledgement. Errored SUs feed SUERM (§10.2) or, during proving, AERM (§10.3).
#include "mtp2/mtp2.h"

namespace tandem::mtp2 {

void Mtp2::rcStart() {
  fsnLastAccepted_ = 127;
  rxBib_ = 1;
  nackOutstanding_ = false;
  bsnHist_ = 0;
  fibHist_ = 0;
  rcAccepting_ = false;
}

// §5.3.1: "two out of three" consecutive abnormal BSNs (or FIBs) mean link failure.
bool Mtp2::history(uint8_t* hist, bool abnormal) {
  *hist = static_cast<uint8_t>(((*hist << 1) | (abnormal ? 1 : 0)) & 0x7);
  const int ones = (*hist & 1) + ((*hist >> 1) & 1) + ((*hist >> 2) & 1);
  return ones >= 2;
}

void Mtp2::suInError(bool /*fcs*/) {
  ++ctr_.suErrors;
  if (iac_ == IacState::Proving && aerm_.running() && aerm_.suInError()) {
    iacAbortProving();
  }
  if (suerm_.running() && suerm_.suInError()) {
    linkFailure(Cause::SuermThreshold);
  }
}

void Mtp2::correctSu() { suerm_.correctSu(); }

// §4.1.4: loss of alignment (more than six consecutive 1s, or more octets than a maximum SU
// without a flag) puts DAEDR into octet counting mode; it leaves on the next correctly checking SU.
void Mtp2::enterOctetCounting() {
  if (octetCounting_) return;
  octetCounting_ = true;
  octetCountAcc_ = 0;
  ++ctr_.octetCountingEntries;
  suInError(false);
}

// In octet counting mode one SU error is counted per N = 16 octets (§10.2, §10.3).
void Mtp2::rxOctets(uint32_t n) {
  if (!octetCounting_) return;
  octetCountAcc_ += n;
  while (octetCountAcc_ >= cfg_.octetCountN && octetCounting_) {
    octetCountAcc_ -= cfg_.octetCountN;
    suInError(false);
  }
}

void Mtp2::onError(RxError e) {
  switch (e) {
    case RxError::FcsError:
      ++ctr_.fcsErrors;
      suInError(true);
      break;
    case RxError::Abort:
    case RxError::Oversize:
      enterOctetCounting();
      break;
    case RxError::NonOctet:
    case RxError::TooShort:
      suInError(false);
      break;
  }
}

void Mtp2::onFrame(const uint8_t* p, size_t nWithFcs) {
  if (nWithFcs < kHeaderOctets + kFcsOctets) {
    suInError(false);
    return;
  }
  ParsedSu su;
  const SuCheck chk = parseSu(p, nWithFcs - kFcsOctets, &su);
  if (chk != SuCheck::Ok) {
    ++ctr_.liErrors;
    suInError(false);
    return;
  }
  octetCounting_ = false;  // a correctly checking SU ends octet counting (§4.1.4)
  correctSu();
  switch (su.kind) {
    case SuKind::LSSU:
      ++ctr_.lssuRx;
      if (lsc_ == LscState::InitialAlignment) {
        iacRxLssu(su.sf);
      } else if (su.sf == LssuType::SIB) {
        // §9.3: remote congestion. Start T6 once; restart T7 on each SIB.
        if (lsc_ == LscState::InService || lsc_ == LscState::ProcessorOutage) {
          lastSibRxUs_ = nowUs_;
          if (timers_.running(TimerId::T7)) {
            timers_.start(TimerId::T7, nowUs_, cfg_.timersUs[static_cast<int>(TimerId::T7)]);
          }
          if (!remoteCongestion_) {
            remoteCongestion_ = true;
            timers_.start(TimerId::T6, nowUs_, cfg_.timersUs[static_cast<int>(TimerId::T6)]);
            emit(EventKind::RemoteCongestion);
          }
        }
      } else {
        lscRxLssu(su.sf);
      }
      return;
    case SuKind::FISU:
      ++ctr_.fisuRx;
      break;
    case SuKind::MSU:
      break;
  }
  if (!rcAccepting_) return;  // before alignment completes FISU/MSU are only "correct SUs"
  lscRxFisuMsu();
  if (rcAccepting_) rcProcess(su);
}

void Mtp2::rcProcess(const ParsedSu& su) {
  // §5.3.1: a BSN outside [last acknowledged .. last assigned] is abnormal; the SU is discarded.
  if (seqDiff(su.h.bsn, fsnLastAcked_) > rtbCount()) {
    ++ctr_.abnormalBsn;
    if (history(&bsnHist_, true)) linkFailure(Cause::AbnormalBsn);
    return;
  }
  history(&bsnHist_, false);
  // §5.3.1: an FIB different from our BIB when we asked for no retransmission is abnormal.
  const bool fibMatches = su.h.fib == rxBib_;
  if (!fibMatches && !nackOutstanding_) {
    ++ctr_.abnormalFib;
    if (history(&fibHist_, true)) linkFailure(Cause::AbnormalFib);
    return;
  }
  if (fibMatches) history(&fibHist_, false);
  // §5.2.2 BSN/BIB: positive acknowledgement, and a negative one when BIB != our FIB.
  txcAck(su.h.bsn);
  if (su.h.bib != txFib_) txcNack(su.h.bsn);
  if (!fibMatches) return;  // still waiting for the retransmission our NACK asked for
  nackOutstanding_ = false;
  // §5.2.2 FSN: accept the next in sequence; discard duplicates; on a gap (an MSU, or a FISU
  // whose FSN shows MSUs we never got) discard and send a negative acknowledgement once.
  const uint8_t ahead = seqDiff(su.h.fsn, fsnLastAccepted_);
  if (su.kind == SuKind::MSU) {
    if (ahead == 1) {
      fsnLastAccepted_ = su.h.fsn;
      ++ctr_.msuRx;
      ctr_.msuOctetsRx += su.msuLen;
      emit(EventKind::Received, su.h.fsn, Cause::None, su.msu, su.msuLen);
      return;
    }
    if (ahead == 0 || ahead >= 64) return;  // duplicate of an accepted MSU
  } else if (ahead == 0 || ahead >= 64) {
    return;  // FISU in sequence
  }
  rxBib_ ^= 1;
  nackOutstanding_ = true;
  ++ctr_.nacksTx;
  emit(EventKind::NackSent, fsnLastAccepted_);
}

}  // namespace tandem::mtp2
