package report

import "errors"

// errStopped ends a producer whose consumer has failed.
var errStopped = errors.New("report: stopped")

// pipeBatch is how many rows travel together between the reading and the writing goroutine.
const pipeBatch = 512

// pipe runs produce (reading rows from the database) in its own goroutine and consume
// (writing them to the workbook) in this one, so on two cores the reading and the
// writing overlap. Rows travel in a few reused batches: memory stays bounded whatever
// the number of rows. The first error of either side is returned; a failing consumer
// stops the producer.
func pipe[T any](produce func(each func(T) error) error, consume func(T) error) error {
	const inFlight = 4
	full := make(chan []T, inFlight)
	free := make(chan []T, inFlight)
	for range inFlight {
		free <- make([]T, 0, pipeBatch)
	}
	stop := make(chan struct{})
	produced := make(chan error, 1)
	go func() {
		defer close(full)
		b := <-free
		err := produce(func(x T) error {
			b = append(b, x)
			if len(b) < pipeBatch {
				return nil
			}
			select {
			case full <- b:
			case <-stop:
				return errStopped
			}
			select {
			case b = <-free:
				b = b[:0]
			case <-stop:
				return errStopped
			}
			return nil
		})
		if err == nil && len(b) > 0 {
			select {
			case full <- b:
			case <-stop:
			}
		}
		produced <- err
	}()
	var err error
	for b := range full {
		if err == nil {
			for _, x := range b {
				if err = consume(x); err != nil {
					close(stop)
					break
				}
			}
		}
		free <- b
	}
	if perr := <-produced; err == nil && perr != nil {
		err = perr
	}
	return err
}
