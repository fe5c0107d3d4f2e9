global using Microsoft.DurableTask;
