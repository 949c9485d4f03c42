// The span-driver interface: what the TDM engine needs from an E1 card, whatever the card is
// (the virtual SAToP pseudowire, a DAHDI span, ...). Shaped like osmocom's e1inp_driver: a small
// vtable the engine calls, and nothing else of the card leaks into the engine.
//
// Threads: open()/close() and counters()/los() readers run on the JavaScript thread; poll(),
// readBlock(), writeBlock() and flush() run on the engine's real-time thread only, once per 1 ms
// tick, in that order. A driver's tick-path methods must not allocate or block; socket/device I/O
// is the only system call they may make.
//
// The TypeScript mirror (types only) is src/trunk/span-driver.ts.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace tandem::drivers {

constexpr size_t kBlockOctets = 256;  // 8 G.704 frames of 32 octets = 1 ms of a 2.048 Mbit/s E1

// A failure of open(): `code` is a stable string ("EADDRINUSE", "EINVAL", "ENODEV", ...) that the
// binding turns into a TandemNativeError with that code.
class DriverError : public std::runtime_error {
 public:
  DriverError(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// Counters every driver keeps (zero where a card has no such thing). Written by the RT thread,
// read by any thread (relaxed atomics: each value is exact, a snapshot of all is not atomic).
struct DriverCounters {
  std::atomic<uint64_t> txBlocks{0};     // blocks handed to the line
  std::atomic<uint64_t> rxBlocks{0};     // blocks received from the line (accepted)
  std::atomic<uint64_t> playedOut{0};    // blocks given to the span by readBlock() (incl. fill)
  std::atomic<uint64_t> underruns{0};    // readBlock() found nothing to play (span fills all-ones)
  std::atomic<uint64_t> lost{0};         // a block was missing at its turn while later ones were there
  std::atomic<uint64_t> late{0};         // a block arrived after its turn was played out
  std::atomic<uint64_t> duplicate{0};    // a block arrived twice
  std::atomic<uint64_t> reordered{0};    // a block arrived before an earlier one (and was put in order)
  std::atomic<uint64_t> overruns{0};     // blocks skipped because the buffer ran over its depth
  std::atomic<uint64_t> malformed{0};    // wrong size or bad header
  std::atomic<uint64_t> wrongSource{0};  // from an address other than the configured remote
  std::atomic<uint64_t> resyncs{0};      // the receive stream restarted (peer restarted, big jump)
  std::atomic<uint64_t> txErrors{0};     // the line refused a block (send error)
  std::atomic<uint64_t> losEvents{0};    // times loss of signal was entered
};

class SpanDriver {
 public:
  virtual ~SpanDriver() = default;

  virtual const char* kind() const = 0;  // "virtual", "dahdi"

  // JS thread. Acquire the line (bind the socket, open the device). Throws DriverError.
  virtual void open() = 0;
  // JS thread, after the engine has let go of the span. Idempotent.
  virtual void close() = 0;

  // RT thread, once per tick before readBlock(): receive what the line delivered. nowUs is the
  // engine's monotonic time of this tick.
  virtual void poll(uint64_t nowUs) = 0;
  // RT thread: the next 1 ms of received line octets (8 frames, MSB of each octet first on the
  // line). false = nothing to play (underrun): the span fills all-ones, as a real line shows AIS.
  virtual bool readBlock(uint8_t block[kBlockOctets]) = 0;
  // RT thread: the next 1 ms to transmit.
  virtual void writeBlock(const uint8_t block[kBlockOctets]) = 0;
  // RT thread, after writeBlock() of every span in this tick: push out anything batched.
  virtual void flush() {}
  // Transmitter on/off (maintenance: "pull the cable"; nothing is sent while off).
  virtual void setTxEnabled(bool on) = 0;

  // Any thread: loss of signal (the driver's own detection: no datagrams / no carrier).
  virtual bool los() const = 0;
  virtual const DriverCounters& counters() const = 0;
};

}  // namespace tandem::drivers
