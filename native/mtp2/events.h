// What MTP2 tells its owner: link state changes (for logs and counters) and the Q.703 §1.5 /
// Q.704 L2 -> L3 indications (in service, out of service, received message, BSNT, retrieved
// messages...). One plain struct through one callback; name tables so nothing prints as a number.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::mtp2 {

// Link state control states, Fig. 8/Q.703.
enum class LscState : uint8_t {
  PowerOff, OutOfService, InitialAlignment, AlignedReady, AlignedNotReady, InService, ProcessorOutage
};
// Initial alignment control states, Fig. 9/Q.703.
enum class IacState : uint8_t { Idle, NotAligned, Aligned, Proving };

// Why the link went (or stayed) out of service. Q.703 §1.7 / Fig. 8 "link failure" sources plus
// the IAC's "alignment not possible" reasons.
enum class Cause : uint8_t {
  None,
  L3Stop,             // stop from level 3
  T1Expired,          // alignment ready timer
  T2Expired,          // not aligned (no SIO/SIN/SIE from the peer)
  T3Expired,          // aligned (no SIN/SIE after SIO)
  ProvingFailed,      // AERM aborted M = 5 proving periods
  RxSios,             // peer sent SIOS during alignment / aligned / in service
  RxSio,              // peer restarted alignment (SIO) while aligned / in service
  RxSin,              // SIN received in service
  RxSie,              // SIE received in service
  SuermThreshold,     // SUERM count reached T
  AbnormalBsn,        // two of three BSNs out of range (§5.3.1)
  AbnormalFib,        // two of three FIBs abnormal (§5.3.1)
  T7Expired,          // excessive delay of acknowledgement
  T6Expired,          // excessive remote congestion
};

enum class EventKind : uint8_t {
  LscStateChanged,       // a, b = from, to (LscState); cause
  IacStateChanged,       // a, b = from, to (IacState)
  InService,             // L2 -> L3 "in service"
  OutOfService,          // L2 -> L3 "out of service", cause
  RemoteProcessorOutage, // SIPO received
  RemoteProcessorRecovered,
  RemoteCongestion,      // SIB received: T6 running
  RemoteCongestionCeased,
  Received,              // MSU delivered to L3: data/len, value = FSN
  Bsnt,                  // value = BSNT
  BsntNotRetrievable,
  RetrievedMessage,      // data/len
  RetrievalComplete,
  RetrievalNotPossible,
  ProvingAborted,        // value = attempt number (Cp)
  ProvingStarted,        // value = 1 emergency, 0 normal
  NackSent,              // value = BSN sent with inverted BIB
  Retransmission,        // value = first FSN retransmitted
  TxQueueFull,           // L3 transmit refused (transmission buffer full)
  EventNotPermitted,     // a = LscState, value = command code (logged, not acted on)
};

struct Mtp2Event {
  EventKind kind;
  uint8_t a = 0, b = 0;
  Cause cause = Cause::None;
  uint32_t value = 0;
  const uint8_t* data = nullptr;  // valid only during the callback
  size_t len = 0;
};

class Mtp2Listener {
 public:
  virtual ~Mtp2Listener() = default;
  virtual void onMtp2Event(const Mtp2Event& e) = 0;
};

const char* lscStateName(LscState s);
const char* iacStateName(IacState s);
const char* causeName(Cause c);
const char* eventKindName(EventKind k);
// Names of the L3 commands reported in EventNotPermitted (value).
const char* commandName(uint32_t cmd);

}  // namespace tandem::mtp2
