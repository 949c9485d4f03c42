// LSC: link state control, Fig. 8/Q.703 (states POWER OFF .. PROCESSOR OUTAGE), plus the L3
// commands that enter it, the name tables and the tick that drives every block's timers.
#include "mtp2/mtp2.h"

namespace tandem::mtp2 {

const char* lscStateName(LscState s) {
  switch (s) {
    case LscState::PowerOff: return "POWER_OFF";
    case LscState::OutOfService: return "OUT_OF_SERVICE";
    case LscState::InitialAlignment: return "INITIAL_ALIGNMENT";
    case LscState::AlignedReady: return "ALIGNED_READY";
    case LscState::AlignedNotReady: return "ALIGNED_NOT_READY";
    case LscState::InService: return "IN_SERVICE";
    case LscState::ProcessorOutage: return "PROCESSOR_OUTAGE";
  }
  return "?";
}

const char* iacStateName(IacState s) {
  switch (s) {
    case IacState::Idle: return "IDLE";
    case IacState::NotAligned: return "NOT_ALIGNED";
    case IacState::Aligned: return "ALIGNED";
    case IacState::Proving: return "PROVING";
  }
  return "?";
}

const char* causeName(Cause c) {
  switch (c) {
    case Cause::None: return "none";
    case Cause::L3Stop: return "l3-stop";
    case Cause::T1Expired: return "T1-expired";
    case Cause::T2Expired: return "T2-expired";
    case Cause::T3Expired: return "T3-expired";
    case Cause::ProvingFailed: return "proving-failed";
    case Cause::RxSios: return "rx-SIOS";
    case Cause::RxSio: return "rx-SIO";
    case Cause::RxSin: return "rx-SIN";
    case Cause::RxSie: return "rx-SIE";
    case Cause::SuermThreshold: return "suerm-threshold";
    case Cause::AbnormalBsn: return "abnormal-BSN";
    case Cause::AbnormalFib: return "abnormal-FIB";
    case Cause::T7Expired: return "T7-expired";
    case Cause::T6Expired: return "T6-expired";
  }
  return "?";
}

const char* eventKindName(EventKind k) {
  switch (k) {
    case EventKind::LscStateChanged: return "lsc";
    case EventKind::IacStateChanged: return "iac";
    case EventKind::InService: return "in-service";
    case EventKind::OutOfService: return "out-of-service";
    case EventKind::RemoteProcessorOutage: return "remote-processor-outage";
    case EventKind::RemoteProcessorRecovered: return "remote-processor-recovered";
    case EventKind::RemoteCongestion: return "remote-congestion";
    case EventKind::RemoteCongestionCeased: return "remote-congestion-ceased";
    case EventKind::Received: return "received";
    case EventKind::Bsnt: return "bsnt";
    case EventKind::BsntNotRetrievable: return "bsnt-not-retrievable";
    case EventKind::RetrievedMessage: return "retrieved-message";
    case EventKind::RetrievalComplete: return "retrieval-complete";
    case EventKind::RetrievalNotPossible: return "retrieval-not-possible";
    case EventKind::ProvingAborted: return "proving-aborted";
    case EventKind::ProvingStarted: return "proving-started";
    case EventKind::NackSent: return "nack-sent";
    case EventKind::Retransmission: return "retransmission";
    case EventKind::TxQueueFull: return "tx-queue-full";
    case EventKind::EventNotPermitted: return "event-not-permitted";
  }
  return "?";
}

const char* commandName(uint32_t cmd) {
  switch (cmd) {
    case 1: return "start";
    case 2: return "retrievalRequestAndFsnc";
    case 3: return "localProcessorOutage";
    case 4: return "localProcessorRecovered";
  }
  return "?";
}

// Power on (Fig. 8 POWER OFF -> OUT OF SERVICE): TXC sends SIOS, AERM at the normal threshold.
Mtp2::Mtp2(Mtp2Listener* listener, const Mtp2Config& cfg) : listener_(listener), cfg_(cfg) {
  suerm_.setParams(cfg_.suermT, cfg_.suermD);
  aerm_.setThreshold(cfg_.aermTin);
  txcSendLssu(LssuType::SIOS);
  lsc_ = LscState::OutOfService;
}

void Mtp2::emit(EventKind k, uint32_t value, Cause c, const uint8_t* d, size_t n) {
  if (!listener_) return;
  Mtp2Event e;
  e.kind = k;
  e.value = value;
  e.cause = c;
  e.data = d;
  e.len = n;
  listener_->onMtp2Event(e);
}

void Mtp2::lscTo(LscState s, Cause c) {
  if (s == lsc_) return;
  Mtp2Event e;
  e.kind = EventKind::LscStateChanged;
  e.a = static_cast<uint8_t>(lsc_);
  e.b = static_cast<uint8_t>(s);
  e.cause = c;
  lsc_ = s;
  if (listener_) listener_->onMtp2Event(e);
}

// Command codes for "event not permitted" reports (CONVENTIONS.md 1: logged, not silently dropped).
enum : uint32_t { kCmdStart = 1, kCmdRetrieval = 2, kCmdLocalPo = 3, kCmdLocalPoRecovered = 4 };

void Mtp2::notPermitted(uint32_t cmd) {
  Mtp2Event e;
  e.kind = EventKind::EventNotPermitted;
  e.a = static_cast<uint8_t>(lsc_);
  e.value = cmd;
  if (listener_) listener_->onMtp2Event(e);
}

// Fig. 8 OUT OF SERVICE + "start": RC start, TXC start, (emergency -> IAC emergency), IAC start.
void Mtp2::start() {
  if (lsc_ != LscState::OutOfService) {
    notPermitted(kCmdStart);
    return;
  }
  ++ctr_.alignmentAttempts;
  remotePo_ = false;
  keepForRetrieval_ = false;
  rcStart();
  txcStart();
  lscTo(LscState::InitialAlignment);
  iacStart();
}

// Fig. 8 "stop" in any state: IAC stop, RC stop, SUERM stop, TXC send SIOS -> OUT OF SERVICE.
void Mtp2::stop() {
  if (lsc_ == LscState::OutOfService || lsc_ == LscState::PowerOff) return;
  if (lsc_ == LscState::InService || lsc_ == LscState::ProcessorOutage) keepForRetrieval_ = true;
  iacStop();
  suerm_.stop();
  rcAccepting_ = false;
  timers_.stopAll();
  remoteCongestion_ = false;
  txcSendLssu(LssuType::SIOS);
  lscTo(LscState::OutOfService, Cause::L3Stop);
}

// Fig. 8 "link failure" (from RC, SUERM, TXC timers) and the LSSUs that mean one: L3 "out of
// service", stop everything, send SIOS.
void Mtp2::linkFailure(Cause c) {
  if (lsc_ == LscState::OutOfService || lsc_ == LscState::PowerOff) return;
  if (lsc_ == LscState::InService || lsc_ == LscState::ProcessorOutage) keepForRetrieval_ = true;
  ++ctr_.linkFailures;
  iacStop();
  suerm_.stop();
  rcAccepting_ = false;
  timers_.stopAll();
  remoteCongestion_ = false;
  retransmitting_ = false;
  txcSendLssu(LssuType::SIOS);
  lscTo(LscState::OutOfService, c);
  emit(EventKind::OutOfService, 0, c);
}

// IAC -> LSC "alignment complete": SUERM start, T1 start, RC accepts FISU/MSU; SIPO if the local
// processor is out, else FISU.
void Mtp2::lscAlignmentComplete() {
  if (lsc_ != LscState::InitialAlignment) return;
  suerm_.start();
  rcAccepting_ = true;
  timers_.start(TimerId::T1, nowUs_, cfg_.timersUs[static_cast<int>(TimerId::T1)]);
  if (localPo_) {
    txcSendLssu(LssuType::SIPO);
    lscTo(LscState::AlignedNotReady);
  } else {
    txcSendFisu();
    lscTo(LscState::AlignedReady);
  }
}

// IAC -> LSC "alignment not possible": L3 "out of service", RC stop, TXC SIOS.
void Mtp2::lscAlignmentNotPossible(Cause c) {
  if (lsc_ != LscState::InitialAlignment) return;
  ++ctr_.linkFailures;
  rcAccepting_ = false;
  timers_.stopAll();
  txcSendLssu(LssuType::SIOS);
  lscTo(LscState::OutOfService, c);
  emit(EventKind::OutOfService, 0, c);
}

static Cause lssuCause(LssuType t) {
  switch (t) {
    case LssuType::SIO: return Cause::RxSio;
    case LssuType::SIN: return Cause::RxSin;
    case LssuType::SIE: return Cause::RxSie;
    default: return Cause::RxSios;
  }
}

// LSSUs received once aligned (during initial alignment they go to the IAC, mtp2_rc.cc).
void Mtp2::lscRxLssu(LssuType t) {
  switch (lsc_) {
    case LscState::AlignedReady:
    case LscState::AlignedNotReady:
      // Fig. 8: SIO/SIOS -> link failure; SIN/SIE: the peer is still proving, wait (T1 runs).
      if (t == LssuType::SIO || t == LssuType::SIOS) {
        linkFailure(lssuCause(t));
      } else if (t == LssuType::SIPO) {
        timers_.stop(TimerId::T1);
        remotePo_ = true;
        emit(EventKind::RemoteProcessorOutage);
        txcSendFisu();
        lscTo(LscState::ProcessorOutage);
      }
      break;
    case LscState::InService:
    case LscState::ProcessorOutage:
      if (t == LssuType::SIO || t == LssuType::SIN || t == LssuType::SIE || t == LssuType::SIOS) {
        linkFailure(lssuCause(t));
      } else if (t == LssuType::SIPO) {
        if (!remotePo_) {
          remotePo_ = true;
          emit(EventKind::RemoteProcessorOutage);
        }
        if (!localPo_) txcSendFisu();
        lscTo(LscState::ProcessorOutage);
      }
      break;
    default:
      break;  // OUT OF SERVICE: LSSUs are ignored (Fig. 8)
  }
}

// FISU or MSU received while aligned: the peer is in service (or its processor recovered).
void Mtp2::lscRxFisuMsu() {
  switch (lsc_) {
    case LscState::AlignedReady:
      timers_.stop(TimerId::T1);
      txMode_ = TxMode::Msu;
      lscTo(LscState::InService);
      emit(EventKind::InService);
      break;
    case LscState::AlignedNotReady:
      timers_.stop(TimerId::T1);
      lscTo(LscState::ProcessorOutage);
      emit(EventKind::InService);
      break;
    case LscState::ProcessorOutage:
      if (remotePo_) {
        remotePo_ = false;
        emit(EventKind::RemoteProcessorRecovered);
        if (!localPo_) {
          txMode_ = TxMode::Msu;
          lscTo(LscState::InService);
        }
      }
      break;
    default:
      break;
  }
}

void Mtp2::emergency() {
  emergency_ = true;
  if (lsc_ == LscState::InitialAlignment) iacEmergency();
}

void Mtp2::emergencyCeases() { emergency_ = false; }

void Mtp2::localProcessorOutage() {
  switch (lsc_) {
    case LscState::OutOfService:
    case LscState::InitialAlignment:
      localPo_ = true;
      break;
    case LscState::AlignedReady:
      localPo_ = true;
      txcSendLssu(LssuType::SIPO);
      lscTo(LscState::AlignedNotReady);
      break;
    case LscState::InService:
    case LscState::ProcessorOutage:
      localPo_ = true;
      txcSendLssu(LssuType::SIPO);
      lscTo(LscState::ProcessorOutage);
      break;
    default:
      notPermitted(kCmdLocalPo);
  }
}

void Mtp2::localProcessorRecovered() {
  switch (lsc_) {
    case LscState::OutOfService:
    case LscState::InitialAlignment:
      localPo_ = false;
      break;
    case LscState::AlignedNotReady:
      localPo_ = false;
      txcSendFisu();
      lscTo(LscState::AlignedReady);
      break;
    case LscState::ProcessorOutage:
      localPo_ = false;
      if (remotePo_) {
        txcSendFisu();
      } else {
        txMode_ = TxMode::Msu;
        lscTo(LscState::InService);
      }
      break;
    default:
      notPermitted(kCmdLocalPoRecovered);
  }
}

void Mtp2::tick(uint64_t nowUs) {
  nowUs_ = nowUs;
  if ((lsc_ == LscState::AlignedReady || lsc_ == LscState::AlignedNotReady) &&
      timers_.expired(TimerId::T1, nowUs)) {
    linkFailure(Cause::T1Expired);
  }
  iacTimers();
  txcTimers();
}

}  // namespace tandem::mtp2
