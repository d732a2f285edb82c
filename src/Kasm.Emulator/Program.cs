// Placeholder entry point; the emulator proper is being written.
return 0;
