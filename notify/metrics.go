package notify

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the delivery figures per channel, for /metrics.
type Metrics struct {
	sent    *prometheus.CounterVec
	failed  *prometheus.CounterVec
	latency *prometheus.HistogramVec
	delay   *prometheus.HistogramVec
}

func newMetrics() *Metrics {
	return &Metrics{
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ganh_notify_sent_total", Help: "Notification messages a channel accepted.",
		}, []string{"channel"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ganh_notify_failed_total", Help: "Tries of a notification message a channel refused or did not answer.",
		}, []string{"channel"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "ganh_notify_send_seconds", Help: "Time a channel took to answer one send.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}, []string{"channel"}),
		delay: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "ganh_notify_delivery_delay_seconds", Help: "Time from a message's creation to its successful send.",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 16),
		}, []string{"channel"}),
	}
}

// Collectors are the metrics to register on the app's registry.
func (s *Service) Collectors() []prometheus.Collector {
	m := s.metrics
	return []prometheus.Collector{m.sent, m.failed, m.latency, m.delay}
}

func (m *Metrics) observe(channel string, err error, took, sinceCreated time.Duration) {
	m.latency.WithLabelValues(channel).Observe(took.Seconds())
	if err != nil {
		m.failed.WithLabelValues(channel).Inc()
		return
	}
	m.sent.WithLabelValues(channel).Inc()
	m.delay.WithLabelValues(channel).Observe(sinceCreated.Seconds())
}
