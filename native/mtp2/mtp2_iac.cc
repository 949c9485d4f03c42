// IAC: initial alignment control, Fig. 9/Q.703 and §7. States IDLE, NOT ALIGNED, ALIGNED, PROVING.
// A peer that sends SIE is accepted in every state: its SIE selects the emergency proving period
// Pe for our side too (§7.3 b: "if either end sends SIE, the short proving period is used"), so a
// switch that always aligns in emergency aligns with us in Pe.
#include "mtp2/mtp2.h"

namespace tandem::mtp2 {

namespace {
constexpr int kT2 = static_cast<int>(TimerId::T2);
constexpr int kT3 = static_cast<int>(TimerId::T3);
constexpr int kT4n = static_cast<int>(TimerId::T4n);
constexpr int kT4e = static_cast<int>(TimerId::T4e);
// One running T4 (the proving period) whichever of Pn/Pe it was started with.
constexpr TimerId kT4 = TimerId::T4n;
}  // namespace

void Mtp2::iacTo(IacState s) {
  if (s == iac_) return;
  Mtp2Event e;
  e.kind = EventKind::IacStateChanged;
  e.a = static_cast<uint8_t>(iac_);
  e.b = static_cast<uint8_t>(s);
  iac_ = s;
  if (listener_) listener_->onMtp2Event(e);
}

// IDLE + "start": TXC send SIO, start T2 -> NOT ALIGNED.
void Mtp2::iacStart() {
  cp_ = 0;
  furtherProving_ = false;
  provingEmergency_ = false;
  txcSendLssu(LssuType::SIO);
  timers_.start(TimerId::T2, nowUs_, cfg_.timersUs[kT2]);
  iacTo(IacState::NotAligned);
}

void Mtp2::iacStop() {
  timers_.stop(TimerId::T2);
  timers_.stop(TimerId::T3);
  timers_.stop(kT4);
  aerm_.stop();
  iacTo(IacState::Idle);
}

// "emergency" from LSC: in ALIGNED/PROVING switch to SIE and Pe (Fig. 9); in NOT ALIGNED the flag
// takes effect when the peer's SIO/SIN/SIE arrives.
void Mtp2::iacEmergency() {
  if (iac_ == IacState::Aligned) {
    provingEmergency_ = true;
    txcSendLssu(LssuType::SIE);
  } else if (iac_ == IacState::Proving) {
    txcSendLssu(LssuType::SIE);
    if (!provingEmergency_) {
      timers_.stop(kT4);
      iacStartProving(true);
    }
  }
}

void Mtp2::iacStartProving(bool emergencyPeriod) {
  provingEmergency_ = emergencyPeriod;
  aerm_.setThreshold(emergencyPeriod ? cfg_.aermTie : cfg_.aermTin);
  aerm_.start();
  furtherProving_ = false;
  timers_.start(kT4, nowUs_, cfg_.timersUs[emergencyPeriod ? kT4e : kT4n]);
  iacTo(IacState::Proving);
  emit(EventKind::ProvingStarted, emergencyPeriod ? 1 : 0);
}

void Mtp2::iacRxLssu(LssuType t) {
  switch (iac_) {
    case IacState::NotAligned:
      // Fig. 9: SIO or SIN -> Pn unless we are in emergency; SIE -> Pe. Send SIN/SIE, start T3.
      if (t == LssuType::SIO || t == LssuType::SIN || t == LssuType::SIE) {
        timers_.stop(TimerId::T2);
        provingEmergency_ = emergency_ || t == LssuType::SIE;
        txcSendLssu(emergency_ ? LssuType::SIE : LssuType::SIN);
        timers_.start(TimerId::T3, nowUs_, cfg_.timersUs[kT3]);
        iacTo(IacState::Aligned);
      }
      break;
    case IacState::Aligned:
      if (t == LssuType::SIN || t == LssuType::SIE) {
        timers_.stop(TimerId::T3);
        iacStartProving(provingEmergency_ || t == LssuType::SIE);
      } else if (t == LssuType::SIOS) {
        timers_.stop(TimerId::T3);
        iacTo(IacState::Idle);
        lscAlignmentNotPossible(Cause::RxSios);
      }
      break;  // SIO: the peer has not seen our SIN yet, stay
    case IacState::Proving:
      if (t == LssuType::SIO) {
        // The peer restarted alignment: back to ALIGNED (stop T4, stop AERM, start T3).
        timers_.stop(kT4);
        aerm_.stop();
        timers_.start(TimerId::T3, nowUs_, cfg_.timersUs[kT3]);
        iacTo(IacState::Aligned);
      } else if (t == LssuType::SIOS) {
        timers_.stop(kT4);
        aerm_.stop();
        iacTo(IacState::Idle);
        lscAlignmentNotPossible(Cause::RxSios);
      } else if (t == LssuType::SIE && !provingEmergency_) {
        // Peer went to emergency while we prove with Pn: restart with Pe.
        timers_.stop(kT4);
        iacStartProving(true);
      }
      break;
    case IacState::Idle:
      break;
  }
}

// AERM -> IAC "abort proving" (Fig. 9): Cp + 1; at M attempts alignment is not possible,
// otherwise prove again when T4 runs out ("further proving").
void Mtp2::iacAbortProving() {
  ++cp_;
  ++ctr_.provingAborts;
  emit(EventKind::ProvingAborted, cp_);
  if (cp_ >= cfg_.provingM) {
    timers_.stop(kT4);
    aerm_.stop();
    iacTo(IacState::Idle);
    lscAlignmentNotPossible(Cause::ProvingFailed);
  } else {
    furtherProving_ = true;
  }
}

void Mtp2::iacTimers() {
  switch (iac_) {
    case IacState::NotAligned:
      if (timers_.expired(TimerId::T2, nowUs_)) {
        iacTo(IacState::Idle);
        lscAlignmentNotPossible(Cause::T2Expired);
      }
      break;
    case IacState::Aligned:
      if (timers_.expired(TimerId::T3, nowUs_)) {
        iacTo(IacState::Idle);
        lscAlignmentNotPossible(Cause::T3Expired);
      }
      break;
    case IacState::Proving:
      if (timers_.expired(kT4, nowUs_)) {
        if (furtherProving_) {
          aerm_.start();
          furtherProving_ = false;
          timers_.start(kT4, nowUs_, cfg_.timersUs[provingEmergency_ ? kT4e : kT4n]);
          emit(EventKind::ProvingStarted, provingEmergency_ ? 1 : 0);
        } else {
          aerm_.stop();
          iacTo(IacState::Idle);
          lscAlignmentComplete();
        }
      }
      break;
    case IacState::Idle:
      break;
  }
}

}  // namespace tandem::mtp2
