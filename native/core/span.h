// One E1 span in the engine: a span driver (drivers/driver.h), the G.704 transmit and receive
// framers, an HDLC encoder/decoder per signalling timeslot with a pluggable SignallingChannel, a
// BearerPort per bearer timeslot, BERT, error injection, E-bit feedback, RAI as consequent action,
// the alarm state machine and the optional pcap tap. Created and opened on the JS thread, then owned
// by the engine's RT thread (tick()) until it is retired back to the JS thread for deletion.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/alarms.h"
#include "core/bearer_port.h"
#include "core/command.h"
#include "core/event.h"
#include "core/sig_channel.h"
#include "driver.h"
#include "e1/framer_rx.h"
#include "e1/framer_tx.h"
#include "e1/hdlc.h"
#include "e1/pcap_writer.h"
#include "e1/prbs.h"

namespace tandem::core {

struct SpanParams {
  uint32_t handle = 0;
  bool crc4 = true;
  uint32_t signallingMask = 1u << 16;  // bit ts set = HDLC signalling timeslot
  uint8_t idleOctet = 0xD5;            // A-law idle (G.711 positive zero, even bits inverted)
  std::string pcapPath;                // empty = no pcap
  int alarmRaiseMs = 100;
  int alarmClearMs = 100;
};

// Published once per tick by the RT thread, read by JS at any time (relaxed: each value exact).
struct SpanSnapshot {
  std::atomic<uint64_t> ticks{0};
  std::atomic<bool> frameAligned{false}, mfAligned{false}, crc4Active{false};
  std::atomic<bool> defLos{false}, defLof{false}, defAis{false}, defRai{false}, raiSent{false};
  std::atomic<uint32_t> alarms{0};  // bit Alarm = raised
  std::atomic<uint64_t> frames{0}, crcErrors{0}, febe{0}, fasErrors{0}, slips{0}, realignments{0};
  std::atomic<int64_t> firstRxTick{-1}, alignedAfterTicks{-1}, mfAlignedAfterTicks{-1};
  std::atomic<uint32_t> bufferTicks{0};  // of alignedAfterTicks: receive buffer prefill
  std::atomic<bool> bert{false}, bertSynced{false};
  std::atomic<uint64_t> bertBits{0}, bertErrors{0}, bertSyncLosses{0};
  std::atomic<uint64_t> underrunTicks{0};  // ticks filled with all-ones (driver had nothing)
  std::atomic<uint64_t> injected{0};
  std::atomic<uint64_t> pcapDropped{0}, pcapWritten{0};
};

struct HdlcSnapshot {
  std::atomic<uint64_t> frames{0}, fcsErrors{0}, aborts{0}, nonOctet{0}, oversize{0}, tooShort{0}, txFrames{0};
};

class Span final : public e1::RxFrameSink, public e1::HdlcTap {
 public:
  Span(const SpanParams& p, std::unique_ptr<drivers::SpanDriver> driver, EventSink* events);
  ~Span() override;
  Span(const Span&) = delete;
  Span& operator=(const Span&) = delete;

  // JS thread: acquire the line and the pcap file. Throws drivers::DriverError.
  void open();
  // JS thread, after the RT thread has let go: release them. Idempotent.
  void close();

  // RT thread.
  void tick(uint64_t nowUs, uint64_t realtimeUs);
  void apply(const Command& c);  // Span* commands (BERT, injection, tx enable, attach/detach)
  void attachChannel(int ts, SignallingChannel* ch);  // takes ownership
  SignallingChannel* detachChannel(int ts);           // gives ownership back (or nullptr)
  void attachBearer(int ts, BearerConsumer* c);
  void detachBearer(int ts);

  // Any thread.
  uint32_t handle() const { return p_.handle; }
  bool isSignalling(int ts) const { return ts > 0 && ts < 32 && (p_.signallingMask >> ts) & 1u; }
  bool isBearer(int ts) const { return ts > 0 && ts < 32 && !isSignalling(ts); }
  const SpanParams& params() const { return p_; }
  const SpanSnapshot& snapshot() const { return snap_; }
  const HdlcSnapshot& hdlcSnapshot(int ts) const { return slots_[ts].snap; }
  const drivers::SpanDriver& driver() const { return *driver_; }
  drivers::SpanDriver& driver() { return *driver_; }
  // JS thread, only after the span has been retired: the channel on ts, for counters (or nullptr).
  const SignallingChannel* channelAt(int ts) const { return slots_[ts].channel.get(); }

  // e1::RxFrameSink / e1::HdlcTap (RT thread)
  void onFrame(const uint8_t frame[32]) override;
  void onTxFrame(const uint8_t* p, size_t n) override;
  void onRxFrame(const uint8_t* p, size_t n) override;

 private:
  // Forwards the timeslot's encoder/decoder to whatever channel is attached (flags when none).
  struct SigSlot final : e1::HdlcFrameSource, e1::HdlcFrameSink {
    std::unique_ptr<SignallingChannel> channel;
    std::unique_ptr<e1::HdlcEncoder> enc;
    std::unique_ptr<e1::HdlcDecoder> dec;
    HdlcSnapshot snap;
    size_t nextFrame(uint8_t* buf, size_t cap) override { return channel ? channel->nextFrame(buf, cap) : 0; }
    void onFrame(const uint8_t* p, size_t n) override {
      if (channel) channel->onFrame(p, n);
    }
    void onError(e1::HdlcError e) override {
      if (channel) channel->onError(e);
    }
  };

  void updateAlarms();
  void publish();

  SpanParams p_;
  std::unique_ptr<drivers::SpanDriver> driver_;
  EventSink* events_;
  e1::TxFramer tx_;
  e1::RxFramer rx_;
  AlarmIntegrator alarms_;
  SigSlot slots_[32];
  BearerPort bearers_[32];
  int bearerTs_[31];
  int nBearer_ = 0;
  int sigTs_[31];
  int nSig_ = 0;
  bool bert_ = false;
  e1::PrbsGenerator prbsGen_;
  e1::PrbsChecker prbsCheck_;
  std::unique_ptr<e1::PcapWriter> pcap_;
  uint64_t realtimeUs_ = 0;
  uint64_t tickNo_ = 0;
  int64_t firstRxTick_ = -1;
  int64_t firstPlayTick_ = -1;  // first tick a received block (not fill) was played after firstRxTick_
  bool wasAligned_ = false, wasMfAligned_ = false, fallbackReported_ = false;
  uint64_t injected_ = 0;
  uint64_t underrunTicks_ = 0;
  bool fill_ = false;  // this tick's received block is fill (driver underrun)
  SpanSnapshot snap_;
  uint8_t rxBlock_[drivers::kBlockOctets];
  uint8_t txBlock_[drivers::kBlockOctets];
};

}  // namespace tandem::core
