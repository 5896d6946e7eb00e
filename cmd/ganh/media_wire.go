package main

import (
	"context"
	"net/http"
	"path/filepath"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/resumable"
	"github.com/ganh-market/ganh/web"
)

// Media sweeping: hourly, removing the files of photos nothing has shown for
// a day and direct uploads abandoned as long.
const (
	mediaSweepPeriod = time.Hour
	mediaSweepGrace  = 24 * time.Hour
)

// wireMedia builds the photo pipeline over the store and, when the files
// are on disk, the handler that serves them; it lets /readyz try a write to
// the store (and its free space, on disk), and adds the hourly sweep of
// orphaned files.
func (s *services) wireMedia(cfg config.Config) (*media.Processor, http.Handler) {
	images := media.NewProcessor(s.media, media.ProcessorOptions{DecodeBudget: cfg.MediaDecodeBytes})
	var files http.Handler
	if ds, ok := s.media.(*media.DiskStore); ok {
		files = ds
	}
	s.ready = append(s.ready, api.MediaReadyCheck(s.media))
	s.workers = append(s.workers, every(mediaSweepPeriod, s.sweepMedia))
	return images, files
}

// wireUploads opens the folder of the product form's resumable photo
// uploads (GANH_DATA_DIR/tai-anh) and adds its hourly sweep.
func (s *services) wireUploads(cfg config.Config) error {
	up, err := resumable.New(filepath.Join(cfg.DataDir, "tai-anh"), web.UploadsPath, resumable.Options{MaxSize: media.MaxUploadBytes})
	if err != nil {
		return err
	}
	s.uploads = up
	s.workers = append(s.workers, every(mediaSweepPeriod, s.sweepUploads))
	return nil
}

// sweepUploads removes the uploads nobody attached for a day: an attached
// upload is removed at once, so these are forms abandoned.
func (s *services) sweepUploads(ctx context.Context) {
	if n, err := s.uploads.Sweep(ctx, time.Now().Add(-mediaSweepGrace)); err != nil {
		s.log.Warn("sweeping abandoned photo uploads failed", "error", err)
	} else if n > 0 {
		s.log.Info("swept abandoned photo uploads", "count", n)
	}
}

// sweepMedia removes orphaned photo files (a failed upload removes its own
// at once, so these are what a crash or a failed cleanup left) and abandoned
// direct uploads with their records.
func (s *services) sweepMedia(ctx context.Context) {
	res, err := media.Sweep(ctx, s.media, s.catalog.ImageHashInUse, media.SweepOptions{Grace: mediaSweepGrace})
	if err != nil {
		s.log.Warn("media sweep failed", "error", err)
	} else if res.Objects > 0 {
		s.log.Info("media sweep", "images", res.Images, "incoming", res.Incoming, "objects", res.Objects)
	}
	if n, err := s.catalog.PurgeUploads(ctx, time.Now().Add(-mediaSweepGrace)); err != nil {
		s.log.Warn("purging old direct uploads failed", "error", err)
	} else if n > 0 {
		s.log.Info("purged old direct uploads", "count", n)
	}
}
