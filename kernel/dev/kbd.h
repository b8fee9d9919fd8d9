#if LAB >= 2
/* The PS/2 keyboard: its controller, and its interrupt feeding the console input queue. */
#ifndef DEV_KBD_H
#define DEV_KBD_H

/* Set up the PS/2 controller for the keyboard (scancode set 1) and take its IRQ; needs
 * idt_init() and irq_init(). If the controller does not answer, says so and leaves it alone. */
void kbd_init(void);

#endif
#endif
