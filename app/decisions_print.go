package app

func (s *stepsSection) print() {}
