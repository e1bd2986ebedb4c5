/** File helpers shared by every writer of the zoo: nothing half-written is ever left in place. */
package dev.zoo.api.io;
