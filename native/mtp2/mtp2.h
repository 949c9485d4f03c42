// One MTP2 signalling link (Q.703), pure and deterministic: time enters only as `nowUs` (tick()),
// and nothing on the per-frame/per-tick path allocates, locks or calls the system. The functional
// blocks of Fig. 3/Q.703 are member groups, each in its own file:
//   LSC  link state control          Fig. 8   mtp2_lsc.cc
//   IAC  initial alignment control   Fig. 9   mtp2_iac.cc
//   TXC  transmission control        Fig. 13  mtp2_txc.cc  (DAEDT side: nextFrame())
//   RC   reception control           Fig. 12  mtp2_rc.cc   (DAEDR side: onFrame()/onError())
//   SUERM/AERM                       Fig. 15/17  monitors.h
// Basic error correction (§5) only; preventive cyclic retransmission (§6) is not implemented.
#pragma once

#include <cstddef>
#include <cstdint>

#include "mtp2/events.h"
#include "mtp2/monitors.h"
#include "mtp2/signal_unit.h"
#include "mtp2/timers.h"

namespace tandem::mtp2 {

struct Mtp2Config {
  uint64_t timersUs[kTimerCount];
  uint32_t suermT = kSuermT, suermD = kSuermD, aermTin = kAermTin, aermTie = kAermTie, provingM = kProvingM;
  uint32_t octetCountN = kOctetCountN;
  Mtp2Config() {
    for (int i = 0; i < kTimerCount; ++i) timersUs[i] = kTimerTable[i].defaultUs;
  }
};

// Reasons the HDLC receiver (DAEDR) reports a frame it could not deliver (mirrors e1::HdlcError).
enum class RxError : uint8_t { FcsError, Abort, NonOctet, Oversize, TooShort };

struct Mtp2Counters {
  uint64_t msuTx = 0, msuRx = 0, msuOctetsTx = 0, msuOctetsRx = 0;
  uint64_t fisuTx = 0, fisuRx = 0, lssuTx = 0, lssuRx = 0;
  uint64_t retransmissions = 0;    // MSUs sent again after a NACK
  uint64_t suErrors = 0;           // every errored SU (FCS, LI, abort, octet-counting units...)
  uint64_t fcsErrors = 0;
  uint64_t liErrors = 0;
  uint64_t nacksTx = 0, nacksRx = 0;
  uint64_t abnormalBsn = 0, abnormalFib = 0;
  uint64_t alignmentAttempts = 0, provingAborts = 0, linkFailures = 0;
  uint64_t txQueueDrops = 0;
  uint64_t txDiscarded = 0;        // transmit while not in service (discarded)
  uint64_t octetCountingEntries = 0;
};

// Counter names (CONVENTIONS.md: "group.event"), in one table for the binding, the engine
// channel and the dashboard.
struct Mtp2CounterDef {
  const char* name;
  uint64_t Mtp2Counters::*field;
  const char* description;
};
constexpr Mtp2CounterDef kMtp2Counters[] = {
    {"mtp2.msuTx", &Mtp2Counters::msuTx, "MSUs sent for the first time"},
    {"mtp2.msuRx", &Mtp2Counters::msuRx, "MSUs accepted in sequence and delivered to level 3"},
    {"mtp2.msuOctetsTx", &Mtp2Counters::msuOctetsTx, "SIO+SIF octets of MSUs sent (first time)"},
    {"mtp2.msuOctetsRx", &Mtp2Counters::msuOctetsRx, "SIO+SIF octets of MSUs delivered"},
    {"mtp2.fisuTx", &Mtp2Counters::fisuTx, "FISUs sent"},
    {"mtp2.fisuRx", &Mtp2Counters::fisuRx, "FISUs received"},
    {"mtp2.lssuTx", &Mtp2Counters::lssuTx, "LSSUs sent"},
    {"mtp2.lssuRx", &Mtp2Counters::lssuRx, "LSSUs received"},
    {"mtp2.retransmissions", &Mtp2Counters::retransmissions, "MSUs sent again after a negative acknowledgement"},
    {"mtp2.suErrors", &Mtp2Counters::suErrors, "errored SUs counted by the monitors (FCS, LI, octet counting)"},
    {"mtp2.fcsErrors", &Mtp2Counters::fcsErrors, "SUs with a bad FCS"},
    {"mtp2.liErrors", &Mtp2Counters::liErrors, "SUs whose LI disagrees with their length"},
    {"mtp2.nacksTx", &Mtp2Counters::nacksTx, "negative acknowledgements sent"},
    {"mtp2.nacksRx", &Mtp2Counters::nacksRx, "negative acknowledgements received"},
    {"mtp2.abnormalBsn", &Mtp2Counters::abnormalBsn, "SUs with a BSN out of range"},
    {"mtp2.abnormalFib", &Mtp2Counters::abnormalFib, "SUs with an abnormal FIB"},
    {"mtp2.alignmentAttempts", &Mtp2Counters::alignmentAttempts, "initial alignments started"},
    {"mtp2.provingAborts", &Mtp2Counters::provingAborts, "proving periods aborted by the AERM"},
    {"mtp2.linkFailures", &Mtp2Counters::linkFailures, "link failures and failed alignments"},
    {"mtp2.txQueueDrops", &Mtp2Counters::txQueueDrops, "MSUs refused: transmission buffer full"},
    {"mtp2.txDiscarded", &Mtp2Counters::txDiscarded, "MSUs discarded: transmit while not in service"},
    {"mtp2.octetCountingEntries", &Mtp2Counters::octetCountingEntries, "times DAEDR entered octet counting"},
};

class Mtp2 {
 public:
  static constexpr size_t kRtbSize = 128;        // indexed by FSN; at most 127 unacknowledged MSUs
  static constexpr size_t kTxQueueSize = 1024;   // MSUs waiting for a free FSN (transmission buffer)

  Mtp2(Mtp2Listener* listener, const Mtp2Config& cfg = Mtp2Config());

  // ---- L3 -> L2 (Q.703 §1.5 / Fig. 3 primitives; Q.704 §5 for BSNT retrieval) ----
  void start();
  void stop();
  void emergency();
  void emergencyCeases();
  void localProcessorOutage();
  void localProcessorRecovered();
  bool transmit(const uint8_t* msu, size_t n);   // SIO + SIF; false if refused (not in service, full)
  void retrieveBsnt();
  void retrievalRequestAndFsnc(uint8_t fsnc);
  void clearBuffers();                            // clear RTB and transmission buffer (L3 command)
  void localCongestion(bool on);                  // §9: send SIB every T5 while on

  // ---- DAEDT / DAEDR glue (the HDLC layer calls these) ----
  size_t nextFrame(uint8_t* buf, size_t cap);     // next SU without CK (never 0: FISU/LSSU fill)
  void onFrame(const uint8_t* p, size_t nWithFcs);
  void onError(RxError e);
  void rxOctets(uint32_t n);                      // octets received, for octet counting mode (§4.1.4)

  // ---- time ----
  void tick(uint64_t nowUs);

  LscState lscState() const { return lsc_; }
  IacState iacState() const { return iac_; }
  bool octetCounting() const { return octetCounting_; }
  bool emergencyFlag() const { return emergency_; }
  uint32_t suermCount() const { return suerm_.count(); }
  uint32_t rtbCount() const { return seqDiff(fsnLastAssigned_, fsnLastAcked_); }
  size_t txQueueCount() const { return txqCount_; }
  const Mtp2Counters& counters() const { return ctr_; }
  const Mtp2Config& config() const { return cfg_; }
  void setTimer(TimerId id, uint64_t us) { cfg_.timersUs[static_cast<int>(id)] = us; }

 private:
  // LSC (mtp2_lsc.cc)
  void lscTo(LscState s, Cause c = Cause::None);
  void linkFailure(Cause c);
  void lscAlignmentComplete();
  void lscAlignmentNotPossible(Cause c);
  void lscRxLssu(LssuType t);
  void lscRxFisuMsu();
  void notPermitted(uint32_t cmd);
  void emit(EventKind k, uint32_t value = 0, Cause c = Cause::None, const uint8_t* d = nullptr, size_t n = 0);
  // IAC (mtp2_iac.cc)
  void iacTo(IacState s);
  void iacStart();
  void iacStop();
  void iacEmergency();
  void iacRxLssu(LssuType t);
  void iacStartProving(bool emergencyPeriod);
  void iacAbortProving();
  void iacTimers();
  // TXC (mtp2_txc.cc)
  enum class TxMode : uint8_t { Lssu, FisuOnly, Msu };
  void txcStart();
  void txcSendLssu(LssuType t);
  void txcSendFisu();
  void txcSendMsu();
  void txcAck(uint8_t bsn);
  void txcNack(uint8_t bsn);
  void txcTimers();
  size_t buildMsu(uint8_t* buf, size_t cap, uint8_t fsn);
  uint8_t bsnOut() const { return localCongestion_ ? heldBsn_ : fsnLastAccepted_; }
  uint8_t bibOut() const { return localCongestion_ ? heldBib_ : rxBib_; }
  // RC (mtp2_rc.cc)
  void rcStart();
  void rcProcess(const ParsedSu& su);
  void suInError(bool countFcs);
  void correctSu();
  void enterOctetCounting();
  bool history(uint8_t* hist, bool abnormal);

  Mtp2Listener* listener_;
  Mtp2Config cfg_;
  Mtp2Counters ctr_;
  TimerSet timers_;
  uint64_t nowUs_ = 0;

  // LSC
  LscState lsc_ = LscState::OutOfService;
  bool emergency_ = false, localPo_ = false, remotePo_ = false;
  bool keepForRetrieval_ = false;  // left service: transmit() queues for retrieval (link.ts contract 4)
  // IAC
  IacState iac_ = IacState::Idle;
  bool provingEmergency_ = false, furtherProving_ = false;
  uint32_t cp_ = 0;
  Aerm aerm_;
  Suerm suerm_;
  // DAEDR octet counting
  bool octetCounting_ = false;
  uint32_t octetCountAcc_ = 0;
  // TXC
  TxMode txMode_ = TxMode::Lssu;
  LssuType txLssu_ = LssuType::SIOS;
  bool localCongestion_ = false, sibDue_ = false;
  uint8_t heldBsn_ = 127, heldBib_ = 1;
  uint8_t fsnLastAssigned_ = 127, fsnLastAcked_ = 127, txFib_ = 1;
  bool retransmitting_ = false;
  uint8_t retxNext_ = 0;
  bool remoteCongestion_ = false;
  uint64_t lastSibRxUs_ = 0;
  struct Slot { uint16_t len; uint8_t data[kMaxMsu]; };
  Slot rtb_[kRtbSize];
  Slot txq_[kTxQueueSize];
  size_t txqHead_ = 0, txqCount_ = 0;
  // RC
  uint8_t fsnLastAccepted_ = 127, rxBib_ = 1;
  bool nackOutstanding_ = false;
  uint8_t bsnHist_ = 0, fibHist_ = 0;   // last three checks, bit set = abnormal (§5.3.1 "two of three")
  bool rcAccepting_ = false;
};

}  // namespace tandem::mtp2
